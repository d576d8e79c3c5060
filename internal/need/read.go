package need

// Who may read which need is the permission policy's (auth.CanReadNeed). Lists and traces
// that gather needs from many municipalities filter through these functions, so every
// page and API response that shows them leaves out the same needs.

// ReadRule says whether the user may read a need of municipality ehak that is, or is no
// longer, editable by that municipality (State.Editable); auth.NeedReader gives one.
type ReadRule func(ehak string, editable bool) bool

// Allows reports whether the rule lets the user read n.
func (may ReadRule) Allows(n Need) bool { return may(n.MunicipalityEHAK, n.State.Editable()) }

// Readable keeps the needs the rule allows, in their order. The others are left out
// altogether, as a consolidated need's page leaves them out: their municipalities still
// show in its cohort, their texts and contacts nowhere.
func Readable(needs []Need, may ReadRule) []Need {
	out := make([]Need, 0, len(needs))
	for _, n := range needs {
		if may.Allows(n) {
			out = append(out, n)
		}
	}
	return out
}

// ReadableSuggestions keeps the suggested duplicates the rule allows.
func ReadableSuggestions(s []Suggestion, may ReadRule) []Suggestion {
	out := make([]Suggestion, 0, len(s))
	for _, x := range s {
		if may.Allows(x.Need) {
			out = append(out, x)
		}
	}
	return out
}

// ReadableBy is the measure's trace with only the needs the rule allows.
func (t MeasureTrace) ReadableBy(may ReadRule) MeasureTrace {
	t.Needs = Readable(t.Needs, may)
	return t
}

// ReadableBy is the need's trace with the needs it repeats that the rule does not allow
// cut to their Summary: which municipality's they are and where they stand, so the
// municipality still sees where its own need went.
func (t Trace) ReadableBy(may ReadRule) Trace {
	repeats := make([]Need, len(t.Repeats))
	for i, n := range t.Repeats {
		if repeats[i] = n; !may.Allows(n) {
			repeats[i] = n.Summary()
		}
	}
	t.Repeats = repeats
	return t
}
