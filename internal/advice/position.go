package advice

import (
	"slices"
	"strconv"
	"strings"

	"kovit/internal/tabular"
)

// Position is what the association's position on a round is made of, for its exports:
// the numbered points, the comments behind them and each municipality's official
// response. Names maps EHAK codes to municipalities' names.
type Position struct {
	Round     Round
	Points    []Point
	Comments  []Comment
	Responses []Response
	Names     map[string]string
}

// name is municipality ehak's name, its code when unknown.
func (p Position) name(ehak string) string {
	if n := p.Names[ehak]; n != "" {
		return n
	}
	return ehak
}

// officialResponses are the responses in the order of their municipalities' names.
func (p Position) officialResponses() []Response {
	out := slices.Clone(p.Responses)
	slices.SortStableFunc(out, func(a, b Response) int {
		return strings.Compare(p.name(a.MunicipalityEHAK), p.name(b.MunicipalityEHAK))
	})
	return out
}

// responseWords say, in the table's language, what a response without a text of its own
// says: nothing to comment, or the staff's comments approved as they stand.
var responseWords = map[string][3]string{
	"et": {"Omavalitsuse ametlik vastus", "Märkusi ei ole.", "Kinnitas oma töötajate märkused."},
	"en": {"Municipality's official response", "No comments.", "Approved its staff's comments."},
}

// ResponseText is response r as the table and the letter give it.
func ResponseText(r Response, lang string) string {
	w := responseWords[tableLang(lang)]
	switch {
	case r.Text != "":
		return r.Text
	case r.NoComments:
		return w[1]
	}
	return w[2]
}

func tableLang(lang string) string {
	if lang == "en" {
		return "en"
	}
	return "et"
}

// PositionSheet is the association's position as the Estonian comments-and-responses
// table: a row per point with the municipalities behind it and, once answered, the
// ministry's disposition; then a row per municipality's official response, without a
// number, which ReadDispositions passes over when the ministry's table comes back.
func PositionSheet(p Position, lang string) tabular.Table {
	t := tabular.Table{Sheet: "seisukoht", Header: tabular.Headers(PositionColumns, lang)}
	for _, pt := range p.Points {
		section := ""
		if pt.SectionID != nil {
			if s, ok := p.Round.Section(*pt.SectionID); ok {
				section = s.Heading
			}
		}
		t.Rows = append(t.Rows, []any{pt.Number, section, pt.Text, strings.Join(PointBy(pt, p.Comments, p.Names), ", "),
			DispositionLabel(pt.Disposition, lang), pt.MinistryReason})
	}
	heading := responseWords[tableLang(lang)][0]
	for _, r := range p.officialResponses() {
		t.Rows = append(t.Rows, []any{nil, heading, ResponseText(r, lang), p.name(r.MunicipalityEHAK), nil, nil})
	}
	return t
}

// Letter is the text of the association's letter to the ministry, in Estonian as it is
// sent: the position's points in order, then the municipalities' official responses in
// their own words and who had no comments.
func Letter(p Position, association string) string {
	var b strings.Builder
	b.WriteString(p.Round.Ministry + "\n\n")
	b.WriteString("Arvamus eelnõu „" + p.Round.Title + "“ kohta\n\n")
	b.WriteString("Täname võimaluse eest esitada eelnõu kohta arvamus. " + association +
		" koondas omavalitsuste märkused ja esitab järgmised ettepanekud.\n\n")
	for _, pt := range p.Points {
		heading := ""
		if pt.SectionID != nil {
			if s, ok := p.Round.Section(*pt.SectionID); ok {
				heading = " (" + s.Heading + ")"
			}
		}
		b.WriteString(strconv.Itoa(pt.Number) + "." + heading + " " + pt.Text + "\n\n")
	}
	if len(p.Points) == 0 {
		b.WriteString("Omavalitsustel ei ole eelnõu kohta märkusi.\n\n")
	}
	var texts, none []string
	for _, r := range p.officialResponses() {
		switch {
		case r.Text != "":
			texts = append(texts, p.name(r.MunicipalityEHAK)+": "+r.Text)
		case r.NoComments:
			none = append(none, p.name(r.MunicipalityEHAK))
		}
	}
	if len(texts) > 0 {
		b.WriteString("Omavalitsuste ametlikud vastused:\n\n" + strings.Join(texts, "\n\n") + "\n\n")
	}
	if len(none) > 0 {
		b.WriteString("Eelnõu kohta märkusi ei esitanud: " + strings.Join(none, ", ") + ".\n\n")
	}
	if p.Round.BoardApprovedOn != "" {
		b.WriteString("Seisukoha kiitis heaks liidu juhatus " + p.Round.BoardApprovedOn + ".\n\n")
	}
	b.WriteString("Lugupidamisega\n\n" + association + "\n")
	return b.String()
}
