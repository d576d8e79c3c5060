package web

// naming ends the page's title with the item the page is about ("Strateegia muutmine:
// Tartu linna arengukava"), so a tab, a bookmark and a screen reader's first words tell
// two such pages apart.
func (p *Page) naming(item string) {
	if item != "" {
		p.Title += ": " + item
	}
}
