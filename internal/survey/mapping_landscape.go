package survey

import (
	"sort"
	"strconv"

	"kovit/internal/landscape"
)

// statuses reports whether every option is a status of a landscape row.
func statuses(options []string) bool {
	for _, o := range options {
		if !landscape.Status(o).Valid() {
			return false
		}
	}
	return true
}

// StatusProposal is an update an approved response proposes to the municipality's IT
// landscape: the status of its row of a solution, or a new row when it has none. It is
// applied only through the landscape module's own save (CreateRow or UpdateRow: version
// check, audit, status history).
type StatusProposal struct {
	Question   string           `json:"question"`
	SolutionID int64            `json:"solution_id"`
	RowID      int64            `json:"row_id"`  // 0 when the municipality has no row of it
	Current    landscape.Status `json:"current"` // "" when there is no row
	Proposed   landscape.Status `json:"proposed"`
	RowVersion int              `json:"row_version"`
}

// StatusProposals lists the updates an approved response r proposes to the
// municipality's landscape, by solution id; rows are its rows by solution id. Other
// responses, and answers naming a solution no longer in the catalogue, propose nothing.
func StatusProposals(s Survey, r Response, rows map[int64]landscape.Row) []StatusProposal {
	if r.State != Approved {
		return nil
	}
	var out []StatusProposal
	for _, q := range s.Questions {
		if q.Maps != MapsStatus {
			continue
		}
		for key, v := range r.Answers[q.Key].Grid {
			id, err := strconv.ParseInt(key, 10, 64)
			if err != nil || id <= 0 {
				continue
			}
			row := rows[id]
			if landscape.Status(v) != row.Status {
				out = append(out, StatusProposal{Question: q.Key, SolutionID: id, RowID: row.ID, Current: row.Status,
					Proposed: landscape.Status(v), RowVersion: row.Version})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SolutionID < out[j].SolutionID })
	return out
}
