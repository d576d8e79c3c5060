package kovit_test

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// The layers of docs/ARCHITECTURE.md, as rules over each package's direct imports. A rule
// names packages by their path below kovit/ ("internal/plan"); a package that matches no
// group is free, which is why a new module must be added to domain below.
var (
	// domain packages hold the mission's things and rules: plain Go, tested with table tests.
	domain = []string{"internal/municipality", "internal/eservice", "internal/plan", "internal/need", "internal/notify", "internal/desk", "internal/follow", "internal/security", "internal/advice",
		"internal/consult", "internal/survey", "internal/edemocracy", "internal/landscape",
		"internal/training"}
	// adapters turn the domain into SQL, HTML, JSON and HTTP; only cmd/kovit joins them.
	adapters = []string{"internal/sqlstore", "internal/web", "internal/api", "internal/server"}
	// scheduled holds the scheduled jobs: they join the domain, digest and mail, and reach
	// the store through their own interfaces, never through an adapter.
	scheduled = "internal/jobs"
	// notInDomain are the standard packages that would make a domain package an adapter.
	notInDomain = []string{"database/sql", "net/http", "html/template", "text/template", "encoding/json"}
)

type goPackage struct {
	ImportPath string
	Imports    []string
}

// TestLayers fails when a package imports across the layering: the domain imports no
// adapter and no SQL, HTTP, template or JSON package; the adapters do not import each
// other (web and api share only the domain, auth, i18n and server); nothing but cmd/kovit
// and the store's own test helpers imports the store.
func TestLayers(t *testing.T) {
	pkgs := listPackages(t)
	var names []string
	for _, p := range pkgs {
		names = append(names, p.ImportPath)
	}
	for _, want := range append(append([]string{scheduled}, domain...), adapters...) {
		if !slices.Contains(names, "kovit/"+want) {
			t.Errorf("go list did not find kovit/%s: the layer rules name a package that is gone", want)
		}
	}
	for _, v := range layerViolations(pkgs) {
		t.Error(v)
	}
}

// TestLayerViolations keeps the rules able to fail: each import here breaks one.
func TestLayerViolations(t *testing.T) {
	bad := []goPackage{
		{ImportPath: "kovit/internal/plan", Imports: []string{"kovit/internal/sqlstore", "database/sql", "kovit/internal/kovit"}},
		{ImportPath: "kovit/internal/web", Imports: []string{"kovit/internal/api", "kovit/internal/server"}},
		{ImportPath: "kovit/internal/digest", Imports: []string{"kovit/internal/sqlstore"}},
		{ImportPath: "kovit/internal/jobs", Imports: []string{"kovit/internal/web", "kovit/internal/digest"}},
	}
	got := layerViolations(bad)
	if len(got) != 5 {
		t.Errorf("got %d violations, want 5 (domain→store, domain→database/sql, web→api, digest→store, jobs→web):\n%s", len(got), strings.Join(got, "\n"))
	}
}

func layerViolations(pkgs []goPackage) []string {
	rel := func(p string) string { return strings.TrimPrefix(p, "kovit/") }
	var out []string
	for _, p := range pkgs {
		from := rel(p.ImportPath)
		for _, imp := range p.Imports {
			to := rel(imp)
			switch {
			case slices.Contains(domain, from) && slices.Contains(adapters, to):
				out = append(out, from+" (domain) imports the adapter "+to)
			case slices.Contains(domain, from) && slices.Contains(notInDomain, imp):
				out = append(out, from+" (domain) imports "+imp+": SQL, HTTP, HTML and JSON belong to the adapters")
			case from == scheduled && slices.Contains(adapters, to):
				out = append(out, from+" imports the adapter "+to+": jobs reach the store through interfaces")
			case slices.Contains(adapters, from) && slices.Contains(adapters, to) && to != "internal/server":
				out = append(out, from+" imports "+to+": adapters do not import each other")
			case to == "internal/sqlstore" && from != "cmd/kovit" && from != "internal/sqlstore/sqlstoretest":
				out = append(out, from+" imports the store: only cmd/kovit wires it")
			}
		}
	}
	return out
}

func listPackages(t *testing.T) []goPackage {
	t.Helper()
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := exec.LookPath(goBin); err != nil {
		goBin = "go"
	}
	cmd := exec.Command(goBin, "list", "-json=ImportPath,Imports", "kovit/...")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []goPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p goPackage
		if err := dec.Decode(&p); err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}
