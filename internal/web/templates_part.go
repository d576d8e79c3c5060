package web

import (
	"fmt"
	"io"
)

// executePart executes the template part defined in page's file alone, without the
// layout: a part of a page that is rendered once and kept (survey-results-section).
func (t *templates) executePart(w io.Writer, page, part string, data any) error {
	tmpl, ok := t.pages[page]
	if !ok {
		return fmt.Errorf("web: no template %q", page)
	}
	return tmpl.ExecuteTemplate(w, part, data)
}
