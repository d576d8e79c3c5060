package survey

import "kovit/internal/municipality"

// ResultsPage is Results of the questions from offset to offset+limit among those that
// have a result (texts and dates have none), and how many have one: a page of results
// sums up only its own questions.
func ResultsPage(s Survey, responses []Response, ms map[string]municipality.Municipality, groupOf GroupOf, offset, limit int) ([]Result, int) {
	summed := make([]Question, 0, len(s.Questions))
	for _, q := range s.Questions {
		if q.Type != Text && q.Type != Date {
			summed = append(summed, q)
		}
	}
	from := min(max(offset, 0), len(summed))
	page := s
	page.Questions = summed[from:min(from+max(limit, 0), len(summed))]
	return Results(page, responses, ms, groupOf), len(summed)
}
