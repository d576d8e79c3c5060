package plan

import (
	"context"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// OrgKind is what sort of body an organisation is.
type OrgKind string

const (
	Association  OrgKind = "association"
	Ministry     OrgKind = "ministry"
	Agency       OrgKind = "agency"
	Municipality OrgKind = "municipality"
	OtherOrg     OrgKind = "other"
)

// Valid reports whether k is one of the kinds.
func (k OrgKind) Valid() bool {
	switch k {
	case Association, Ministry, Agency, Municipality, OtherOrg:
		return true
	}
	return false
}

// Organisation is a body that leads or partners in activities or owns a strategy. The
// coordinators keep the list; every municipality is on it automatically, linked by EHAK.
type Organisation struct {
	ID               int64     `json:"id"`
	Kind             OrgKind   `json:"kind"`
	NameEt           string    `json:"name_et"`
	NameEn           string    `json:"name_en"`
	MunicipalityEHAK string    `json:"municipality_ehak,omitempty"`
	Version          int       `json:"version"`
	UpdatedAt        time.Time `json:"updated_at"`
}

// Name returns the organisation's name in lang, falling back to the other language.
func (o Organisation) Name(lang string) string {
	n, _ := pick(lang, o.NameEt, o.NameEn)
	return n
}

// Validate checks an organisation. Municipality organisations come only from the
// municipality list, so a coordinator cannot make a second one by hand.
func (o Organisation) Validate() error {
	var p kovit.Problems
	if !o.Kind.Valid() {
		p.Add("kind", "plan.error.org_kind")
	}
	if strings.TrimSpace(o.NameEt) == "" {
		p.Add("name_et", "error.required")
	}
	textLimits(&p, 200, "name_et", o.NameEt, "name_en", o.NameEn)
	if (o.Kind == Municipality) != (o.MunicipalityEHAK != "") {
		p.Add("kind", "plan.error.org_municipality")
	}
	if o.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// ReadRule is the permission policy's answer for reading a strategy that is or is not
// public and is owned by municipality ownerEHAK ("" for a national one);
// auth.StrategyReader gives one for a user.
type ReadRule func(public bool, ownerEHAK string) error

// Owners finds a strategy's owner: the part of Store that CheckRead needs, so a reader
// such as the weekly digest need not be a whole Store.
type Owners interface {
	Organisation(ctx context.Context, id int64) (Organisation, error)
}

// CheckRead answers may for s. The owner is looked up only for a draft with an owner,
// the one case the answer depends on it. A strategy the user may not read is not found:
// they must not learn it exists.
func CheckRead(ctx context.Context, st Owners, s Strategy, may ReadRule) error {
	owner := ""
	if !s.Status.Public() && s.OwnerID != nil {
		var err error
		if owner, err = OwnerEHAK(ctx, st, s); err != nil {
			return err
		}
	}
	if may(s.Status.Public(), owner) != nil {
		return kovit.NotFound()
	}
	return nil
}

// OwnerEHAK is the municipality that owns s, "" for a national strategy: who may edit a
// strategy depends on it (auth.CanEditStrategy).
func OwnerEHAK(ctx context.Context, st Owners, s Strategy) (string, error) {
	if s.OwnerID == nil {
		return "", nil
	}
	o, err := st.Organisation(ctx, *s.OwnerID)
	return o.MunicipalityEHAK, err
}
