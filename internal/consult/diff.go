package consult

import "strings"

// Change is how a section differs between two versions.
type Change string

const (
	Same    Change = "same"
	Changed Change = "changed"
	Added   Change = "added"
	Removed Change = "removed"
)

// Span is a run of words of one side of a diff: kept, or only on that side.
type Span struct {
	Text string `json:"text"`
	Only bool   `json:"only"` // deleted on the left side, inserted on the right
}

// SectionDiff is one section of two versions side by side.
type SectionDiff struct {
	Key    string `json:"key"`
	Change Change `json:"change"`
	// Left and Right are the headings and bodies of the older and newer version.
	LeftHeading  string `json:"left_heading"`
	RightHeading string `json:"right_heading"`
	Left         []Span `json:"left"`
	Right        []Span `json:"right"`
}

// maxCells bounds the word-by-word comparison of one section (its two word counts
// multiplied): past it the section is shown as replaced whole, so a diff stays fast.
const maxCells = 4_000_000

// Diff compares two versions section by section, in the newer version's order with the
// sections it removed after them.
func Diff(older, newer DocVersion) []SectionDiff {
	var out []SectionDiff
	for _, n := range newer.Sections {
		o, ok := older.Section(n.Key)
		if !ok {
			out = append(out, SectionDiff{Key: n.Key, Change: Added, RightHeading: n.Heading, Right: []Span{{Text: n.Body, Only: true}}})
			continue
		}
		d := SectionDiff{Key: n.Key, Change: Same, LeftHeading: o.Heading, RightHeading: n.Heading}
		d.Left, d.Right = words(o.Body, n.Body)
		if o.Body != n.Body || o.Heading != n.Heading {
			d.Change = Changed
		}
		out = append(out, d)
	}
	for _, o := range older.Sections {
		if _, ok := newer.Section(o.Key); !ok {
			out = append(out, SectionDiff{Key: o.Key, Change: Removed, LeftHeading: o.Heading, Left: []Span{{Text: o.Body, Only: true}}})
		}
	}
	return out
}

// words diffs two texts word by word (a longest common subsequence), keeping the
// whitespace with the word before it so each side reads as written.
func words(a, b string) (left, right []Span) {
	if a == b {
		return []Span{{Text: a}}, []Span{{Text: b}}
	}
	x, y := tokens(a), tokens(b)
	if len(x)*len(y) > maxCells {
		return []Span{{Text: a, Only: true}}, []Span{{Text: b, Only: true}}
	}
	// lcs[i][j] is the common length of x[i:] and y[j:], in one slice.
	w := len(y) + 1
	lcs := make([]int32, (len(x)+1)*w)
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if strings.TrimSpace(x[i]) == strings.TrimSpace(y[j]) {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	add := func(spans []Span, text string, only bool) []Span {
		if n := len(spans); n > 0 && spans[n-1].Only == only {
			spans[n-1].Text += text
			return spans
		}
		return append(spans, Span{Text: text, Only: only})
	}
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case strings.TrimSpace(x[i]) == strings.TrimSpace(y[j]):
			left, right = add(left, x[i], false), add(right, y[j], false)
			i, j = i+1, j+1
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			left = add(left, x[i], true)
			i++
		default:
			right = add(right, y[j], true)
			j++
		}
	}
	for ; i < len(x); i++ {
		left = add(left, x[i], true)
	}
	for ; j < len(y); j++ {
		right = add(right, y[j], true)
	}
	return left, right
}

// tokens splits s into words, each with the whitespace after it.
func tokens(s string) []string {
	var out []string
	start := 0
	inSpace := false
	for i, r := range s {
		space := r == ' ' || r == '\n' || r == '\t' || r == '\r'
		if !space && inSpace {
			out = append(out, s[start:i])
			start = i
		}
		inSpace = space
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}
