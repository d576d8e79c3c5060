package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"testing"
)

// TestOpenAPIStatusesListedOnce: no operation lists a status twice, nor any object a key
// twice. encoding/json keeps the last of two equal keys without a word, so a response
// written twice (a generic 413 beside the upload's own) read as one and hid the other.
func TestOpenAPIStatusesListedOnce(t *testing.T) {
	_, raw := fetchOpenAPI(t)
	twice, err := repeatedKeys(raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range twice {
		t.Errorf("listed twice: %s", at)
	}
}

func TestRepeatedKeysFindsAStatusListedTwice(t *testing.T) {
	doc := `{"paths": {"/x": {"post": {"responses": {"200": {}, "413": {"a": 1}, "422": [], "413": {}}}}}, "b": [{"c": 1, "c": 2}]}`
	got, err := repeatedKeys([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/paths//x/post/responses/413", "/b/0/c"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// repeatedKeys is every key an object of doc holds twice, as its JSON-pointer-like path.
func repeatedKeys(doc []byte) ([]string, error) {
	d := json.NewDecoder(bytes.NewReader(doc))
	var out []string
	var walk func(at string) error
	walk = func(at string) error {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			seen := map[string]bool{}
			for d.More() {
				k, err := d.Token()
				if err != nil {
					return err
				}
				key := k.(string)
				if seen[key] {
					out = append(out, at+"/"+key)
				}
				seen[key] = true
				if err := walk(at + "/" + key); err != nil {
					return err
				}
			}
			_, err = d.Token()
			return err
		case json.Delim('['):
			for i := 0; d.More(); i++ {
				if err := walk(fmt.Sprintf("%s/%d", at, i)); err != nil {
					return err
				}
			}
			_, err = d.Token()
			return err
		}
		return nil
	}
	if err := walk(""); err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, fmt.Errorf("trailing data after the document: %v", err)
	}
	return out, nil
}
