// Package i18n is kovit's Estonian and English: the message catalogues, the language a
// request is served in, and Estonian-style dates and numbers.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Languages kovit speaks; the first is the default.
var Languages = []string{"et", "en"}

//go:embed locales/*.json
var locales embed.FS

// Catalog holds every message in every language. Files are locales/<area>.<lang>.json, one
// area per module, so modules do not edit each other's files.
type Catalog struct {
	bundle   *goi18n.Bundle
	ids      map[string]map[string]bool // lang → message ids
	printers map[string]*Printer
	missing  sync.Map // "lang:id" → true, for tests that check every shown key exists
}

// Load reads the embedded catalogues.
func Load() (*Catalog, error) {
	c := &Catalog{
		bundle:   goi18n.NewBundle(language.Estonian),
		ids:      map[string]map[string]bool{},
		printers: map[string]*Printer{},
	}
	c.bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	files, err := fs.Glob(locales, "locales/*.json")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		data, err := locales.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if _, err := c.bundle.ParseMessageFileBytes(data, f); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", f, err)
		}
		parts := strings.Split(path.Base(f), ".")
		lang := parts[len(parts)-2]
		var m map[string]json.RawMessage
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", f, err)
		}
		if c.ids[lang] == nil {
			c.ids[lang] = map[string]bool{}
		}
		for id := range m {
			if c.ids[lang][id] {
				return nil, fmt.Errorf("i18n: %s: message %q defined twice", f, id)
			}
			c.ids[lang][id] = true
		}
	}
	for _, lang := range Languages {
		c.printers[lang] = c.newPrinter(lang)
	}
	return c, nil
}

// IDs returns the sorted message ids of a language.
func (c *Catalog) IDs(lang string) []string {
	var out []string
	for id := range c.ids[lang] {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// Missing returns the "lang:id" keys that were asked for but do not exist.
func (c *Catalog) Missing() []string {
	var out []string
	c.missing.Range(func(k, _ any) bool { out = append(out, k.(string)); return true })
	sort.Strings(out)
	return out
}

// Printer returns the printer for lang, or the default language's for an unknown one.
func (c *Catalog) Printer(lang string) *Printer {
	if p, ok := c.printers[lang]; ok {
		return p
	}
	return c.printers[Languages[0]]
}

// Supported reports whether lang is one kovit speaks.
func Supported(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

func (c *Catalog) newPrinter(lang string) *Printer {
	p := &Printer{Lang: lang, catalog: c, loc: goi18n.NewLocalizer(c.bundle, lang), plain: map[string]string{}}
	// Most messages take no arguments; render them once so pages do not pay for it.
	for id := range c.ids[lang] {
		if s, err := p.loc.Localize(&goi18n.LocalizeConfig{MessageID: id}); err == nil && !strings.Contains(s, "<no value>") {
			p.plain[id] = s
		}
	}
	return p
}
