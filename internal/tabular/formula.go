package tabular

import "strings"

// formulaStart are the first characters that make a spreadsheet program take a CSV cell
// for a formula (OWASP's list): a name such as =HYPERLINK(…) would run when the file is
// opened, so text that starts with one is written with a leading apostrophe.
const formulaStart = "=+-@\t\r"

// neutralise prefixes text that a spreadsheet would read as a formula with an apostrophe,
// and text that already looks neutralised too, so that Restore gives it back as it was.
func neutralise(s string) string {
	if formulaLike(s) || s != "" && s[0] == '\'' && formulaLike(s[1:]) {
		return "'" + s
	}
	return s
}

func formulaLike(s string) bool { return s != "" && strings.IndexByte(formulaStart, s[0]) >= 0 }

// Restore undoes the apostrophe WriteCSV put before formula-like text, so that kovit's own
// exports import back unchanged. Read leaves cells as they are; an import calls this.
func Restore(rows [][]string) {
	for _, row := range rows {
		for i, s := range row {
			if s != "" && s[0] == '\'' && neutralise(s[1:]) == s {
				row[i] = s[1:]
			}
		}
	}
}
