package advice

import (
	"strings"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

// The module's exports, built once here for both surfaces, headed in the reader's
// language (lang "en" or else Estonian). They are reports: nothing imports them back.

// InquiryColumns head InquiriesSheet.
var InquiryColumns = []tabular.Column{{Et: "ID", En: "ID"}, {Et: "EHAK", En: "EHAK"}, {Et: "Omavalitsus", En: "Municipality"},
	{Et: "Teema", En: "Topic"}, {Et: "Pealkiri", En: "Subject"}, {Et: "Olek", En: "State"}, {Et: "Küsitud", En: "Asked"},
	{Et: "Esmakordselt vastatud", En: "First answered"}, {Et: "Tööpäevi kulunud", En: "Working days used"},
	{Et: "Sihttähtaeg (tööpäeva)", En: "Target (working days)"}, {Et: "Hilinenud", En: "Late"}}

// InquiriesSheet is the questions export, each with its clock at now. names maps an EHAK
// code to the municipality's name.
func InquiriesSheet(c *Calendar, items []Inquiry, names map[string]string, now time.Time, lang string) tabular.Table {
	t := tabular.Table{Sheet: "kusimused", Header: tabular.Headers(InquiryColumns, lang)}
	for _, q := range items {
		cl := c.Clock(q, now)
		var first any
		if q.FirstAnsweredAt != nil {
			first = q.FirstAnsweredAt.In(kovit.Estonia).Format(time.DateOnly)
		}
		t.Rows = append(t.Rows, []any{q.ID, q.MunicipalityEHAK, names[q.MunicipalityEHAK], string(q.Topic), q.Subject, string(q.State),
			q.AskedAt.In(kovit.Estonia).Format(time.DateOnly), first, cl.Used, cl.Target, cl.Late})
	}
	return t
}

// StatColumns head StatsSheet.
var StatColumns = []tabular.Column{{Et: "Aasta", En: "Year"}, {Et: "Teema", En: "Topic"}, {Et: "Küsitud", En: "Asked"},
	{Et: "Vastatud", En: "Answered"}, {Et: "Mediaan (tööpäeva)", En: "Median (working days)"}, {Et: "Õigeaegselt", En: "On time"},
	{Et: "Õigeaegsete osakaal", En: "Share on time"}}

// StatsSheet is the statistics export; a year's sum row names its topic "kokku" / "all".
func StatsSheet(stats []Stat, lang string) tabular.Table {
	t := tabular.Table{Sheet: "statistika", Header: tabular.Headers(StatColumns, lang)}
	all := map[bool]string{true: "all", false: "kokku"}[lang == "en"]
	for _, s := range stats {
		topic := string(s.Topic)
		if topic == "" {
			topic = all
		}
		t.Rows = append(t.Rows, []any{s.Year, topic, s.Asked, s.Answered, s.Median, s.OnTime, s.Share})
	}
	return t
}

// EntryColumns head EntriesSheet.
var EntryColumns = []tabular.Column{{Et: "ID", En: "ID"}, {Et: "Pealkiri", En: "Title"}, {Et: "Teema", En: "Topic"},
	{Et: "Sildid", En: "Tags"}, {Et: "Nähtavus", En: "Visibility"}, {Et: "Viimati üle vaadatud", En: "Last reviewed"},
	{Et: "Vajab ülevaatust", En: "Needs review"}, {Et: "Küsimus", En: "Question"}, {Et: "Vastus", En: "Answer"}}

// EntriesSheet is the knowledge-base export of the entries given, which the caller has
// already narrowed to what its reader may read.
func EntriesSheet(items []Entry, lang string) tabular.Table {
	t := tabular.Table{Sheet: "teadmusbaas", Header: tabular.Headers(EntryColumns, lang)}
	for _, e := range items {
		t.Rows = append(t.Rows, []any{e.ID, e.Title, string(e.Topic), strings.Join(e.Tags, "; "), string(e.Visibility), e.ReviewedOn,
			e.ReviewReason, e.Question, e.Answer})
	}
	return t
}
