package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/api"
	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/municipality"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// openAPIDoc is the part of the document the tests read.
type openAPIDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas    map[string]schema    `json:"schemas"`
		Parameters map[string]parameter `json:"parameters"`
	} `json:"components"`
}

type schema struct {
	Properties map[string]json.RawMessage `json:"properties"`
}

type parameter struct {
	Ref     string `json:"$ref"`
	Name    string `json:"name"`
	In      string `json:"in"`
	Example any    `json:"example"`
}

// fetchOpenAPI reads the document from its route; serving it needs no database.
func fetchOpenAPI(t *testing.T) (openAPIDoc, []byte) {
	t.Helper()
	mux := http.NewServeMux()
	api.New(api.Deps{}).Register(mux)
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("openapi.json: %d %v", w.Code, w.Header())
	}
	var doc openAPIDoc
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return doc, w.Body.Bytes()
}

var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

func TestOpenAPIMatchesRoutes(t *testing.T) {
	doc, raw := fetchOpenAPI(t)
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi %q, want 3.1", doc.OpenAPI)
	}
	var documented []string
	for path, item := range doc.Paths {
		for _, m := range httpMethods {
			if _, ok := item[m]; ok {
				documented = append(documented, strings.ToUpper(m)+" "+path)
			}
		}
	}
	var served []string
	for _, rt := range api.New(api.Deps{}).Routes() {
		served = append(served, rt.Method+" "+rt.Pattern)
	}
	sort.Strings(documented)
	sort.Strings(served)
	if diff := cmp.Diff(served, documented); diff != "" {
		t.Errorf("routes (-served +documented):\n%s", diff)
	}

	// Every reference points at something that exists.
	var all any
	if err := json.Unmarshal(raw, &all); err != nil {
		t.Fatal(err)
	}
	walkRefs(all, func(ref string) {
		var at any = all
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			m, ok := at.(map[string]any)
			if !ok {
				at = nil
				break
			}
			at = m[part]
		}
		if at == nil {
			t.Errorf("dangling $ref %s", ref)
		}
	})
}

// TestOpenAPIListsTakeLimitAndOffset: every list operation (a GET whose answer has items)
// declares limit and offset, and its answer says which page it is.
func TestOpenAPIListsTakeLimitAndOffset(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	var op struct {
		Parameters []parameter
		Responses  map[string]struct {
			Content map[string]struct {
				Schema struct {
					Ref   string `json:"$ref"`
					OneOf []struct {
						Ref string `json:"$ref"`
					} `json:"oneOf"`
				} `json:"schema"`
			} `json:"content"`
		} `json:"responses"`
	}
	lists := 0
	for path, item := range doc.Paths {
		raw, ok := item["get"]
		if !ok {
			continue
		}
		op.Parameters, op.Responses = nil, nil
		if err := json.Unmarshal(raw, &op); err != nil {
			t.Fatal(err)
		}
		s := op.Responses["200"].Content["application/json"].Schema
		refs := []string{s.Ref}
		for _, o := range s.OneOf {
			refs = append(refs, o.Ref)
		}
		for _, ref := range refs {
			sc := doc.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")]
			if _, ok := sc.Properties["items"]; !ok {
				continue
			}
			lists++
			for _, field := range []string{"total", "limit", "offset"} {
				if _, ok := sc.Properties[field]; !ok {
					t.Errorf("GET %s: answer %s has no %s", path, ref, field)
				}
			}
			names := map[string]bool{}
			for _, p := range op.Parameters {
				if p.Ref != "" {
					p = doc.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
				}
				if p.In == "query" {
					names[p.Name] = true
				}
			}
			if !names["limit"] || !names["offset"] {
				t.Errorf("GET %s: a list without limit and offset parameters", path)
			}
		}
	}
	if lists < 20 {
		t.Errorf("%d list operations found; the document's lists are no longer recognised", lists)
	}
}

func walkRefs(v any, fn func(string)) {
	switch v := v.(type) {
	case map[string]any:
		if ref, ok := v["$ref"].(string); ok {
			fn(ref)
		}
		for _, child := range v {
			walkRefs(child, fn)
		}
	case []any:
		for _, child := range v {
			walkRefs(child, fn)
		}
	}
}

// TestOpenAPISchemasMatchGoTypes: a schema lists exactly the JSON fields the Go type has,
// so a field added to a struct and not to the document fails here.
func TestOpenAPISchemasMatchGoTypes(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	types := map[string]any{
		"Municipality":   municipality.Municipality{},
		"Contact":        municipality.Contact{},
		"Details":        municipality.Details{},
		"County":         municipality.County{},
		"User":           auth.User{},
		"NewUser":        auth.NewUser{},
		"UserUpdate":     auth.UserUpdate{},
		"AuditEvent":     audit.Event{},
		"Strategy":       plan.Strategy{},
		"Levels":         plan.Levels{},
		"LevelName":      plan.LevelName{},
		"ActivityStatus": plan.Status{},
		"Node":           plan.Node{},
		"Participant":    plan.Participant{},
		"Task":           plan.Task{},
		"StrategyTree":   api.StrategyTree{},
		"ActivityDetail": api.ActivityDetail{},
		"AttentionItem":  plan.AttentionItem{},

		"ProgressUpdate":    plan.ProgressUpdate{},
		"Report":            plan.Report{},
		"Snapshot":          plan.Snapshot{},
		"NodeState":         plan.NodeState{},
		"ParticipantState":  plan.ParticipantState{},
		"IndicatorState":    plan.IndicatorState{},
		"MunicipalValue":    plan.MunicipalValue{},
		"Point":             plan.Point{},
		"Comparison":        plan.Comparison{},
		"StatusChange":      plan.StatusChange{},
		"ProgressChange":    plan.ProgressChange{},
		"ParticipantChange": plan.ParticipantChange{},
		"IndicatorChange":   plan.IndicatorChange{},
		"ReportDetail":      api.ReportDetail{},
		"ReportComparison":  api.ReportComparison{},
		"VersionInput":      api.VersionInput{},
	}
	checkSchemas(t, doc, types)
}

// checkSchemas fails for every named schema whose properties are not exactly the JSON
// fields of its Go type.
func checkSchemas(t *testing.T, doc openAPIDoc, types map[string]any) {
	t.Helper()
	for name, v := range types {
		var want []string
		rt := reflect.TypeOf(v)
		for i := range rt.NumField() {
			if tag, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ","); tag != "-" && tag != "" {
				want = append(want, tag)
			}
		}
		var got []string
		for p := range doc.Components.Schemas[name].Properties {
			got = append(got, p)
		}
		sort.Strings(want)
		sort.Strings(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("schema %s properties (-Go +document):\n%s", name, diff)
		}
	}
}

// TestOpenAPIQueryParametersAreAccepted calls every GET route with every query parameter
// the document gives, set to its example: the API must know each and accept the example.
func TestOpenAPIQueryParametersAreAccepted(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, admin := s.user(auth.RoleAdmin, "")
		doc, _ := fetchOpenAPI(t)
		for path, item := range doc.Paths {
			op, ok := item["get"]
			if !ok || strings.Contains(path, "{") {
				continue
			}
			var o struct{ Parameters []parameter }
			if err := json.Unmarshal(op, &o); err != nil {
				t.Fatal(err)
			}
			q := url.Values{}
			for _, p := range o.Parameters {
				if p.Ref != "" {
					p = doc.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
				}
				if p.In != "query" {
					continue
				}
				if p.Example == nil {
					t.Errorf("%s: parameter %s has no example", path, p.Name)
				}
				q.Set(p.Name, fmt.Sprint(p.Example))
			}
			if r := s.do(req{path: path + "?" + q.Encode(), token: admin}); r.status != http.StatusOK {
				t.Errorf("%s?%s: %d %s", path, q.Encode(), r.status, r.body)
			}
		}
	})
}
