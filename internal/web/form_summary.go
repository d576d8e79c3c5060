package web

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// summaryMark is what the "form-message" partial writes in each problem's link, naming the
// id of the field it links to; nameSummaryFields puts the field's label in its place.
const summaryMark = `<span class="field-name" data-for="`

// nameSummaryFields makes each problem in a form's error summary name its field ("Nimi:
// See väli on kohustuslik."), with the words the field's own label shows on the same page.
// The labels live in each form's template, so reading them from the rendered page names
// every form's fields in both languages without a second list of labels to keep in step.
// Only a page with problems pays for it.
func nameSummaryFields(page []byte) []byte {
	if !bytes.Contains(page, []byte(summaryMark)) {
		return page
	}
	labels := fieldLabels(page)
	var out bytes.Buffer
	out.Grow(len(page) + 256)
	rest := page
	for {
		i := bytes.Index(rest, []byte(summaryMark))
		if i < 0 {
			out.Write(rest)
			return out.Bytes()
		}
		out.Write(rest[:i+len(summaryMark)])
		rest = rest[i+len(summaryMark):]
		end := bytes.IndexByte(rest, '"')
		if end < 0 {
			out.Write(rest)
			return out.Bytes()
		}
		id := html.UnescapeString(string(rest[:end]))
		// The mark is `<span … data-for="ID"></span>`: keep it up to its closing '>'.
		close := bytes.IndexByte(rest, '>')
		out.Write(rest[:close+1])
		rest = rest[close+1:]
		if label := labels[id]; label != "" {
			out.WriteString(html.EscapeString(label))
			out.WriteString(": ")
		}
	}
}

// fieldLabels maps each control's id to its name as the page shows it: a <label for>, a
// fieldset's <legend>, or else an aria-label. A radio button or check box is named by its
// group's legend ("Pakkumine"), not by its own label ("pakutakse").
func fieldLabels(page []byte) map[string]string {
	labels, choices := map[string]string{}, map[string]string{}
	z := html.NewTokenizer(bytes.NewReader(page))
	type group struct{ id, legend string }
	var (
		current  string // the id whose label or legend is being read
		text     strings.Builder
		inside   string // "label" or "legend"
		fieldset []group
	)
	for {
		switch z.Next() {
		case html.ErrorToken:
			for id, legend := range choices {
				labels[id] = legend
			}
			return labels
		case html.StartTagToken:
			tok := z.Token()
			id, forID, aria, typ := "", "", "", ""
			for _, a := range tok.Attr {
				switch a.Key {
				case "id":
					id = a.Val
				case "for":
					forID = a.Val
				case "aria-label":
					aria = a.Val
				case "type":
					typ = a.Val
				}
			}
			switch tok.Data {
			case "label":
				if forID != "" && inside == "" {
					current, inside = forID, "label"
					text.Reset()
				}
			case "fieldset":
				fieldset = append(fieldset, group{id: id})
			case "legend":
				if len(fieldset) > 0 && inside == "" {
					current, inside = fieldset[len(fieldset)-1].id, "legend"
					text.Reset()
				}
			case "input":
				if n := len(fieldset); n > 0 && id != "" && (typ == "radio" || typ == "checkbox") && fieldset[n-1].legend != "" {
					choices[id] = fieldset[n-1].legend
				}
			}
			if id != "" && aria != "" && labels[id] == "" {
				labels[id] = aria
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "fieldset":
				if n := len(fieldset); n > 0 {
					fieldset = fieldset[:n-1]
				}
			case inside:
				l := labelText(text.String())
				if inside == "legend" && len(fieldset) > 0 {
					fieldset[len(fieldset)-1].legend = l
				}
				if l != "" && current != "" && labels[current] == "" {
					labels[current] = l
				}
				inside = ""
			}
		case html.TextToken:
			if inside != "" {
				text.Write(z.Text())
			}
		}
	}
}

// labelText is a label's words on one line, without the colon or mark some labels end in.
func labelText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimRight(s, " :*")
}
