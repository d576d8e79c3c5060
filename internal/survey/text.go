package survey

import (
	"strconv"
	"strings"

	"kovit/internal/kovit"
)

// ParseQuestions reads questions typed one a line on a form:
//
//	key | type | text | option; option | required min=0 max=10 if=key=value
//
// The last two parts are optional; a blank line or one starting with # is skipped.
func ParseQuestions(text string) ([]Question, error) {
	var out []Question
	var p kovit.Problems
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "|")
		if len(parts) < 3 || len(parts) > 5 {
			p.Add("questions", "survey.error.line")
			continue
		}
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		q := Question{Key: parts[0], Type: Type(parts[1]), Text: parts[2]}
		if len(parts) > 3 && parts[3] != "" {
			for _, o := range strings.Split(parts[3], ";") {
				q.Options = append(q.Options, strings.TrimSpace(o))
			}
		}
		if len(parts) > 4 {
			for _, flag := range strings.Fields(parts[4]) {
				name, value, _ := strings.Cut(flag, "=")
				switch name {
				case "required":
					q.Required = true
				case "maps":
					q.Maps = value
				case "min", "max":
					v, err := strconv.ParseFloat(value, 64)
					if err != nil {
						p.Add("questions", "survey.error.line")
						continue
					}
					if name == "min" {
						q.Min = &v
					} else {
						q.Max = &v
					}
				case "if":
					key, equals, ok := strings.Cut(value, "=")
					if !ok {
						p.Add("questions", "survey.error.line")
						continue
					}
					q.ShowIf = &Condition{Key: key, Equals: equals}
				default:
					p.Add("questions", "survey.error.line")
				}
			}
		}
		out = append(out, q)
	}
	return out, p.Err()
}

// QuestionsText writes questions in the form ParseQuestions reads.
func QuestionsText(qs []Question) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString(q.Key + " | " + string(q.Type) + " | " + q.Text + " | " + strings.Join(q.Options, "; "))
		var flags []string
		if q.Required {
			flags = append(flags, "required")
		}
		if q.Min != nil {
			flags = append(flags, "min="+strconv.FormatFloat(*q.Min, 'f', -1, 64))
		}
		if q.Max != nil {
			flags = append(flags, "max="+strconv.FormatFloat(*q.Max, 'f', -1, 64))
		}
		if q.ShowIf != nil {
			flags = append(flags, "if="+q.ShowIf.Key+"="+q.ShowIf.Equals)
		}
		if q.Maps != "" {
			flags = append(flags, "maps="+q.Maps)
		}
		if len(flags) > 0 {
			b.WriteString(" | " + strings.Join(flags, " "))
		}
		b.WriteString("\n")
	}
	return b.String()
}
