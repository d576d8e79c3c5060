package advice

import (
	"fmt"
	"strings"
	"testing"
)

// A municipality's fates survive the notification's text, its own only, with the
// separators taken out of free text; an older notification's text shows as it was.
func TestOwnFatesText(t *testing.T) {
	p1, p2 := int64(10), int64(11)
	points := []Point{{ID: p1, Number: 1, Disposition: PartlyAccepted, MinistryReason: "Osaliselt\x1e."}, {ID: p2, Number: 2}}
	comments := []Comment{
		{MunicipalityEHAK: "0793", Fate: Adopted, PointID: &p1},
		{MunicipalityEHAK: "0784", Fate: NotAdopted, FateReason: "Tallinna oma"},
		{MunicipalityEHAK: "0793", Fate: Merged, PointID: &p2},
		{MunicipalityEHAK: "0793", Fate: NotAdopted, FateReason: "Liiga\x1fvara"},
		{MunicipalityEHAK: "0793"},
	}
	t2 := func(id string, args ...any) string {
		return strings.TrimSpace(fmt.Sprintln(append([]any{id}, args...)...))
	}
	got := FatesText(EncodeFates(OwnFates("0793", comments, points)), t2)
	want := strings.Join([]string{
		"advice.outcome.adopted Number 1; advice.outcome.disposition Disposition advice.disposition.partly_accepted: Osaliselt .",
		"advice.outcome.merged Number 2; advice.outcome.no_answer",
		"advice.outcome.not_adopted Reason Liiga vara",
		"advice.outcome.undecided"}, ". ")
	if got != want {
		t.Errorf("Tartu's fates:\n%q\nwant\n%q", got, want)
	}
	if got := FatesText("Sotsiaalministeerium", t2); got != "Sotsiaalministeerium" {
		t.Errorf("an older notification's reason: %q", got)
	}
	if got := FatesText(fatesPrefix+"garbage", t2); got != "" {
		t.Errorf("a broken text: %q", got)
	}
}
