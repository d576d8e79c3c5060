package advice

import (
	"strconv"
	"strings"
)

// OwnFate is what became of one municipality's comment: the association's fate for it,
// the number of the point it went into, and the ministry's disposition of that point.
// A notification and a desk item carry a municipality's own fates, so that each learns
// what happened to its own comment without reading anyone else's.
type OwnFate struct {
	Fate           Fate
	Point          int
	Reason         string
	Disposition    Disposition
	MinistryReason string
}

// fatesPrefix marks a notification's reason or a desk item's detail as a municipality's
// fates, stored language-free and worded in the reader's language when shown.
const fatesPrefix = "advice.fates:"

// Bounds on what a notification stores: a municipality's comments on one draft are few,
// but a reason is free text.
const (
	maxOwnFates  = 20
	maxFateRunes = 500
)

// OwnFates are the fates of municipality ehak's comments in a round, in comment order.
func OwnFates(ehak string, comments []Comment, points []Point) []OwnFate {
	byID := map[int64]Point{}
	for _, p := range points {
		byID[p.ID] = p
	}
	var out []OwnFate
	for _, c := range comments {
		if c.MunicipalityEHAK != ehak || len(out) == maxOwnFates {
			continue
		}
		f := OwnFate{Fate: c.Fate, Reason: clip(c.FateReason)}
		if p, ok := byID[ptrID(c.PointID)]; ok && c.Fate != NotAdopted && c.Fate != Undecided {
			f.Point, f.Disposition, f.MinistryReason = p.Number, p.Disposition, clip(p.MinistryReason)
		}
		out = append(out, f)
	}
	return out
}

func ptrID(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}

func clip(s string) string {
	s = strings.NewReplacer(unitSep, " ", recordSep, " ").Replace(s)
	if r := []rune(s); len(r) > maxFateRunes {
		return string(r[:maxFateRunes-1]) + "…"
	}
	return s
}

// The fields of a fate and the fates are split by the ASCII unit and record separators,
// which clip takes out of the free text (the domain speaks no JSON: layers_test).
const (
	unitSep   = "\x1f"
	recordSep = "\x1e"
)

// EncodeFates is fs as a notification's reason or a desk item's detail.
func EncodeFates(fs []OwnFate) string {
	records := make([]string, len(fs))
	for i, f := range fs {
		records[i] = strings.Join([]string{string(f.Fate), strconv.Itoa(f.Point), f.Reason, string(f.Disposition), f.MinistryReason}, unitSep)
	}
	return fatesPrefix + strings.Join(records, recordSep)
}

// decodeFates reads EncodeFates's text; ok is false for any other.
func decodeFates(s string) (fs []OwnFate, ok bool) {
	rest, ok := strings.CutPrefix(s, fatesPrefix)
	if !ok || rest == "" {
		return nil, ok
	}
	for _, rec := range strings.Split(rest, recordSep) {
		fields := strings.Split(rec, unitSep)
		if len(fields) != 5 {
			return nil, false
		}
		point, err := strconv.Atoi(fields[1])
		if err != nil {
			return nil, false
		}
		fs = append(fs, OwnFate{Fate: Fate(fields[0]), Point: point, Reason: fields[2], Disposition: Disposition(fields[3]), MinistryReason: fields[4]})
	}
	return fs, true
}

// FatesText words an encoded text in a language through t (a printer's T); any other
// text (an older notification's ministry) comes back as it is.
func FatesText(s string, t func(id string, args ...any) string) string {
	fs, ok := decodeFates(s)
	if !ok {
		if strings.HasPrefix(s, fatesPrefix) {
			return ""
		}
		return s
	}
	var parts []string
	for _, f := range fs {
		var line string
		switch f.Fate {
		case Adopted, Merged:
			line = t("advice.outcome."+string(f.Fate), "Number", f.Point)
			if f.Disposition == NoAnswer {
				line += "; " + t("advice.outcome.no_answer")
			} else {
				line += "; " + t("advice.outcome.disposition", "Disposition", t("advice.disposition."+string(f.Disposition)))
				if f.MinistryReason != "" {
					line += ": " + f.MinistryReason
				}
			}
		case NotAdopted:
			line = t("advice.outcome.not_adopted", "Reason", f.Reason)
		default:
			line = t("advice.outcome.undecided")
		}
		parts = append(parts, line)
	}
	return strings.Join(parts, ". ")
}
