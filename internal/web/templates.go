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
	"strings"
)

//go:embed templates
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// templates holds one parsed set per page: the layout and partials plus the page's own
// file, which defines "content".
type templates struct {
	pages map[string]*template.Template
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

func parseTemplates() (*templates, error) {
	base, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/layout/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	t := &templates{pages: map[string]*template.Template{}}
	err = fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "templates/layout/") {
			return err
		}
		clone, err := base.Clone()
		if err != nil {
			return err
		}
		if _, err := clone.ParseFS(templateFS, p); err != nil {
			return fmt.Errorf("web: template %s: %w", p, err)
		}
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		t.pages[name] = clone
		return nil
	})
	return t, err
}

func (t *templates) execute(w io.Writer, name string, data any) error {
	tmpl, ok := t.pages[name]
	if !ok {
		return fmt.Errorf("web: no template %q", name)
	}
	return tmpl.ExecuteTemplate(w, "layout", data)
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
