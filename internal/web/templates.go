package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"strings"
)

//go:embed templates
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// templates is one parsed set: the layout's two halves, the partials, and every page's
// own file, whose "content" is renamed "content:<page>" and framed by "page:<page>".
// A set per page, each a clone of the layout and partials, held 45 MB of parse trees, half
// of the server's resident memory after start; one set holds the shared parts once.
type templates struct {
	pages map[string]*template.Template // page name → its "page:<page>" in the one set
}

// assets maps a static file name to its content-hashed URL, so browsers may cache forever.
var assets = func() map[string]string {
	m := map[string]string{}
	fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := staticFS.ReadFile(p)
		sum := sha256.Sum256(b)
		name := strings.TrimPrefix(p, "static/")
		ext := path.Ext(name)
		m[name] = "/static/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		return nil
	})
	return m
}()

var funcs = template.FuncMap{
	"asset": func(name string) (string, error) {
		if u, ok := assets[name]; ok {
			return u, nil
		}
		return "", fmt.Errorf("no asset %q", name)
	},
	"add":     func(a, b int) int { return a + b },
	"list":    func(s ...string) []string { return s },
	"pager":   pagerOf,
	"changes": changesOf,
	"field":   fieldOf,
	"pct": func(part, whole int) int {
		if whole == 0 {
			return 0
		}
		return part * 100 / whole
	},
}

func parseTemplates() (*templates, error) { return parseTemplatesFrom(templateFS) }

// parseTemplatesFrom parses the templates folder of fsys.
func parseTemplatesFrom(fsys fs.FS) (*templates, error) {
	set := template.New("").Funcs(funcs)
	layouts, err := fs.Glob(fsys, "templates/layout/*.html")
	if err != nil {
		return nil, err
	}
	for _, p := range layouts {
		text, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		src := string(text)
		if path.Base(p) == "layout.html" {
			if src, err = splitLayout(src); err != nil {
				return nil, err
			}
		}
		if _, err := set.New(path.Base(p)).Parse(src); err != nil {
			return nil, fmt.Errorf("web: templates: %w", err)
		}
	}
	t := &templates{pages: map[string]*template.Template{}}
	definedBy := map[string]string{}
	for _, d := range set.Templates() {
		definedBy[d.Name()] = "layout"
	}
	err = fs.WalkDir(fsys, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "templates/layout/") {
			return err
		}
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		text, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		src := strings.Replace(string(text), contentDefine, `{{define "content:`+name+`"}}`, 1)
		if src == string(text) {
			return fmt.Errorf("web: template %s: no %s", p, contentDefine)
		}
		// In one set a second definition of a name would replace the first for every page.
		for _, m := range defineRe.FindAllStringSubmatch(src, -1) {
			if other, ok := definedBy[m[1]]; ok {
				return fmt.Errorf("web: template %s: %q is defined by %s too", p, m[1], other)
			}
			definedBy[m[1]] = name
		}
		src += `{{define "page:` + name + `"}}{{template "layout-head" .}}{{template "content:` + name + `" .}}{{template "layout-foot" .}}{{end}}`
		if _, err := set.New(p).Parse(src); err != nil {
			return fmt.Errorf("web: template %s: %w", p, err)
		}
		t.pages[name] = set.Lookup("page:" + name)
		return nil
	})
	return t, err
}

const contentDefine = `{{define "content"}}`

var defineRe = regexp.MustCompile(`{{-?\s*define\s+"([^"]+)"`)

// splitLayout turns layout.html's "layout", which calls "content", into "layout-head"
// and "layout-foot", which every page's "page:<page>" calls around its own content.
func splitLayout(src string) (string, error) {
	const define, call = `{{define "layout"}}`, `{{template "content" .}}`
	if strings.Count(src, define) != 1 || strings.Count(src, call) != 1 {
		return "", fmt.Errorf("web: layout.html: want one %s and one %s", define, call)
	}
	src = strings.Replace(src, define, `{{define "layout-head"}}`, 1)
	return strings.Replace(src, call, `{{end}}{{define "layout-foot"}}`, 1), nil
}

func (t *templates) execute(w io.Writer, name string, data any) error {
	tmpl, ok := t.pages[name]
	if !ok {
		return fmt.Errorf("web: no template %q", name)
	}
	return tmpl.Execute(w, data)
}

// static serves embedded assets at their hashed URLs with a year-long cache.
func static() http.Handler {
	byURL := map[string]string{}
	for name, u := range assets {
		byURL[u] = name
	}
	files := http.FileServerFS(mustSub(staticFS, "static"))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := byURL[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		r2 := r.Clone(r.Context())
		r2.URL.Path = "/" + name
		files.ServeHTTP(w, r2)
	})
}

func mustSub(f fs.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return s
}
