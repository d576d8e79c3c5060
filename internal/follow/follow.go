// Package follow is what a signed-in user chose to follow (issue 12): municipalities,
// services and strategies. A reader's desk lists what changed since their last visit in
// what they follow, or in everything they may read while they follow nothing.
package follow

import (
	"context"
	"slices"
	"strings"

	"kovit/internal/kovit"
)

// Kind is a kind of thing one may follow.
type Kind string

const (
	Municipality Kind = "municipality" // by EHAK code: its record, e-service cells and needs
	Service      Kind = "service"      // by code: the service and its cells in every municipality
	Strategy     Kind = "strategy"     // by id: the strategy and its goals, measures and activities
)

// Kinds lists the kinds in the order the settings page shows them.
var Kinds = []Kind{Municipality, Service, Strategy}

// Subject is one thing followed.
type Subject struct {
	Kind Kind   `json:"kind"`
	ID   string `json:"id"`
}

// MaxFollows bounds one user's list; a desk narrowed to more is no narrower.
const MaxFollows = 200

// Normalize trims the id.
func (s *Subject) Normalize() { s.ID = strings.TrimSpace(s.ID) }

// Validate checks the kind and the id's form; that the thing exists is the store's, and
// that the user may read it the surfaces'.
func (s Subject) Validate() error {
	var p kovit.Problems
	if !slices.Contains(Kinds, s.Kind) {
		p.Add("kind", "follow.error.kind")
	}
	if s.ID == "" {
		p.Add("id", "error.required")
	} else if kovit.TooLong(s.ID, 64) {
		p.Add("id", "error.too_long")
	}
	return p.Err()
}

// Store keeps each user's follows. Following twice, or unfollowing what is not followed,
// changes nothing and is no error. Follow refuses an unknown thing (field "id") and more
// than MaxFollows.
type Store interface {
	Follows(ctx context.Context, userID int64) ([]Subject, error)
	Follow(ctx context.Context, userID int64, s Subject) error
	Unfollow(ctx context.Context, userID int64, s Subject) error
}

// Set is a user's follows for asking whether something is among them.
type Set map[Subject]bool

// NewSet makes the set of subjects.
func NewSet(subjects []Subject) Set {
	out := make(Set, len(subjects))
	for _, s := range subjects {
		out[s] = true
	}
	return out
}

// Has reports whether the set holds the thing of kind with id.
func (s Set) Has(kind Kind, id string) bool { return id != "" && s[Subject{kind, id}] }

// Covers reports whether a change about municipality ehak, service code or strategy id
// (each "" when the change is not about one) is in what the set follows. An empty set
// covers everything: who follows nothing sees every change they may read.
func (s Set) Covers(ehak, code, strategy string) bool {
	return len(s) == 0 || s.Has(Municipality, ehak) || s.Has(Service, code) || s.Has(Strategy, strategy)
}
