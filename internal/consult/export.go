package consult

import (
	"context"
	"strconv"

	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

// ResponseColumns head the comments-and-responses table.
var ResponseColumns = []tabular.Column{{Et: "Nr", En: "No"}, {Et: "Versioon", En: "Version"}, {Et: "Osa", En: "Section"},
	{Et: "Lõik", En: "Passage"}, {Et: "Kommenteerija", En: "From"}, {Et: "Kirjutaja", En: "Author"}, {Et: "Kommentaar", En: "Comment"},
	{Et: "Arvestatud", En: "Disposition"}, {Et: "Põhjendus", En: "Reason"}, {Et: "Muudetud versioonis", En: "Changed in version"},
	{Et: "Strateegia punkt", En: "Strategy item"}}

// Row is a comment as the responses table shows it, with the names the reader's
// language and rights give it.
type Row struct {
	Comment
	Section     string // the section's heading in the version commented on
	From        string // the municipality's name, or "the public"
	Disposition string // the disposition in the reader's language, "" if none yet
	ItemText    string // the strategy item's code and title, "" if none or unreadable
}

// ResponsesSheet is the comments-and-responses table in lang's headers.
func ResponsesSheet(rows []Row, lang string) tabular.Table {
	t := tabular.Table{Sheet: "kommentaarid", Header: tabular.Headers(ResponseColumns, lang)}
	for _, r := range rows {
		changed := ""
		if r.ChangedIn != nil {
			changed = strconv.Itoa(*r.ChangedIn)
		}
		t.Rows = append(t.Rows, []any{r.ID, r.DocVersion, r.Section, r.Passage, r.From, r.AuthorName, r.Body, r.Disposition, r.Reason, changed, r.ItemText})
	}
	return t
}

// AllRows pages through every comment f selects, whatever its paging, and makes the
// responses table's rows of those the rule lets its user see: an export holds them all.
func AllRows(ctx context.Context, st Store, f CommentFilter, may Rule, versions []DocVersion, from func(ehak string) string, disposition func(Kind) string) ([]Row, error) {
	var rows []Row
	for f.Offset, f.Limit = 0, kovit.MaxLimit; ; f.Offset += f.Limit {
		items, total, err := st.Comments(ctx, f)
		if err != nil {
			return nil, err
		}
		rows = append(rows, Rows(Readable(items, may), versions, from, disposition)...)
		if f.Offset+f.Limit >= total {
			return rows, nil
		}
	}
}
