// Package auth is who may use kovit and what each may do: users and their roles, password
// and API-token credentials, the request's signed-in user, and the one permission policy
// every module asks.
package auth

import (
	"context"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// Role is what a user is allowed to do; see policy.go.
type Role string

const (
	RoleAdmin       Role = "admin"       // everything, including accounts
	RoleCoordinator Role = "coordinator" // association staff: national data, verification
	RoleEditor      Role = "editor"      // their own municipality's data
	RoleReader      Role = "reader"      // signed-in read of internal data, e.g. a ministry
)

// Roles lists the roles in the order forms offer them.
var Roles = []Role{RoleAdmin, RoleCoordinator, RoleEditor, RoleReader}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, known := range Roles {
		if r == known {
			return true
		}
	}
	return false
}

// User is an account.
type User struct {
	ID               int64  `json:"id"`
	Email            string `json:"email"`
	Name             string `json:"name"`
	Role             Role   `json:"role"`
	MunicipalityEHAK string `json:"municipality_ehak,omitempty"`
	// Municipalities is every municipality an editor works for, MunicipalityEHAK (the
	// primary one, the default of their pages) first; read it with MunicipalityList.
	Municipalities     []string   `json:"municipalities,omitempty"`
	Active             bool       `json:"active"`
	MustChangePassword bool       `json:"must_change_password"`
	Version            int        `json:"version"`
	CreatedAt          time.Time  `json:"created_at"`
	LastSignInAt       *time.Time `json:"last_sign_in_at,omitempty"`
	// PasswordHash never leaves the server, not even into the audit trail.
	PasswordHash string `json:"-"`
	OIDCSubject  string `json:"-"`
	// SessionEpoch moves on when the password changes or the account is deactivated; a
	// session signed in under an older one is refused (Authenticator).
	SessionEpoch int64 `json:"-"`
	// ByToken marks the user of a request made with an API token rather than a browser
	// session (CanManageCredentials).
	ByToken bool `json:"-"`
	// Lead marks an editor who invites and deactivates their own municipality's editors.
	Lead bool `json:"-"`
	// PublicCommenter marks a member of the public who signed up by e-mail confirmation to
	// comment on consultations (commenter.go): signed in, yet reading only what the public
	// reads (CanReadInternal refuses them), their comments moderated.
	PublicCommenter bool `json:"-"`
	// PersonalCodeHint is the end of the recorded personal code (PersonalCodeHint); the
	// code itself is stored only hashed, as it is personal data.
	PersonalCodeHint string `json:"-"`
}

// NewUser is what an admin enters to create an account.
type NewUser struct {
	Email            string `json:"email"`
	Name             string `json:"name"`
	Role             Role   `json:"role"`
	MunicipalityEHAK string `json:"municipality_ehak"`
	// Municipalities, when given, is every municipality of an editor of several, the
	// primary one first (MunicipalityEHAK may then be left out).
	Municipalities []string `json:"municipalities,omitempty"`
	Password       string   `json:"password"`
}

// Normalize trims input and lower-cases the e-mail, which is the sign-in name.
func (n *NewUser) Normalize() {
	n.Email = strings.ToLower(strings.TrimSpace(n.Email))
	n.Name = strings.TrimSpace(n.Name)
	n.MunicipalityEHAK, n.Municipalities = NormalizeMunicipalities(n.MunicipalityEHAK, n.Municipalities)
}

// Validate checks a new account; an empty password means one is generated.
func (n NewUser) Validate() error {
	var p kovit.Problems
	if !kovit.ValidEmail(n.Email) {
		p.Add("email", "error.email")
	}
	if n.Name == "" {
		p.Add("name", "error.required")
	} else if kovit.TooLong(n.Name, 200) {
		p.Add("name", "error.too_long")
	}
	validateRole(&p, n.Role, n.MunicipalityEHAK)
	validateMunicipalities(&p, n.Role, n.Municipalities)
	if n.Password != "" {
		if key := PasswordProblem(n.Password); key != "" {
			p.Add("password", key)
		}
	}
	return p.Err()
}

// UserUpdate is what an admin may change on an account.
type UserUpdate struct {
	Name             string `json:"name"`
	Role             Role   `json:"role"`
	MunicipalityEHAK string `json:"municipality_ehak"`
	// Municipalities is every municipality of an editor, as NewUser's; nil keeps the
	// account's other municipalities as they are.
	Municipalities []string `json:"municipalities,omitempty"`
	Active         bool     `json:"active"`
	Version        int      `json:"version"`
}

// Validate checks an account update.
func (u UserUpdate) Validate() error {
	var p kovit.Problems
	if strings.TrimSpace(u.Name) == "" {
		p.Add("name", "error.required")
	} else if kovit.TooLong(u.Name, 200) {
		p.Add("name", "error.too_long")
	}
	validateRole(&p, u.Role, u.MunicipalityEHAK)
	validateMunicipalities(&p, u.Role, u.Municipalities)
	if u.Version < 1 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// validateRole enforces that editors, and only editors, belong to a municipality: an
// editor without one could edit nothing, anyone else with one would be misleading.
func validateRole(p *kovit.Problems, r Role, ehak string) {
	if !r.Valid() {
		p.Add("role", "error.role")
		return
	}
	if r == RoleEditor && ehak == "" {
		p.Add("municipality_ehak", "error.editor_needs_municipality")
	}
	if r != RoleEditor && ehak != "" {
		p.Add("municipality_ehak", "error.only_editor_municipality")
	}
}

// UserFilter selects users in the admin list.
type UserFilter struct {
	Q                string
	Role             Role
	MunicipalityEHAK string
	Active           *bool
	Limit, Offset    int
}

// Token is a personal API token; only its hash is stored.
type Token struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// Store is what accounts need from storage. Setting a password, and deactivating an
// account, end every session and API token of the user: SessionEpoch moves on and the
// tokens are revoked.
type Store interface {
	CreateUser(ctx context.Context, n NewUser, passwordHash string, mustChange bool) (User, error)
	UpdateUser(ctx context.Context, id int64, u UserUpdate) (User, error)
	SetPassword(ctx context.Context, id int64, passwordHash string, mustChange bool) error
	RecordSignIn(ctx context.Context, id int64) error
	User(ctx context.Context, id int64) (User, error)
	UserByEmail(ctx context.Context, email string) (User, error)
	UserByOIDCSubject(ctx context.Context, subject string) (User, error)
	LinkOIDCSubject(ctx context.Context, id int64, subject string) error
	ListUsers(ctx context.Context, f UserFilter) ([]User, int, error)
	CountUsers(ctx context.Context) (int, error)
	CreateToken(ctx context.Context, userID int64, name, prefix, hash string) (Token, error)
	ListTokens(ctx context.Context, userID int64) ([]Token, error)
	RevokeToken(ctx context.Context, userID, tokenID int64) error
	// UserByTokenHash returns the active owner of an unrevoked token and notes its use.
	UserByTokenHash(ctx context.Context, hash string) (User, error)
}
