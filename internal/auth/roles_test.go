package auth_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// roleFilters are the files outside auth that may compare a Role, and why: they handle
// the role as data (a filter of the admins' user list), not to decide what a user may do.
var roleFilters = map[string]string{
	"internal/sqlstore/user.go": "the user list's role filter becomes SQL",
	"internal/api/user.go":      "the user list's role filter is validated",
	"internal/training/counts.go": "a training.Role is what a person does in the municipality (for the training " +
		"requirements), not a kovit user's role",
}

// TestRolesComparedOnlyInAuth fails when code outside internal/auth asks a user's role
// (u.Role == auth.RoleEditor, switch u.Role, …) instead of the policy: who may see or do
// what is answered by auth alone, so a new module cannot grow its own rule.
func TestRolesComparedOnlyInAuth(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	used := map[string]bool{}
	for _, dir := range []string{"internal", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				if rel == "internal/auth" || d.Name() == "node_modules" || d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
			if err != nil {
				return err
			}
			found := roleCompares(f)
			if _, ok := roleFilters[rel]; ok {
				used[rel] = len(found) > 0
				return nil
			}
			for _, c := range found {
				t.Errorf("%s: %s compares a role: ask internal/auth (policy.go, scope.go) instead", rel, c)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for rel := range roleFilters {
		if !used[rel] {
			t.Errorf("%s is allowed to compare roles but no longer does: drop it from roleFilters", rel)
		}
	}
}

// TestRoleComparesFound keeps the check above able to fail: each line of bad compares one.
func TestRoleComparesFound(t *testing.T) {
	const bad = `package web
func f(u *auth.User, p page) {
	_ = u.Role == auth.RoleEditor
	_ = auth.RoleReader != u.Role
	_ = p.User != nil && p.User.Role != auth.RoleEditor
	switch u.Role {
	}
	_ = u.Name == "x" || u.MunicipalityEHAK != ""
}`
	f, err := parser.ParseFile(token.NewFileSet(), "bad.go", bad, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := roleCompares(f); len(got) != 4 {
		t.Errorf("found %d role compares, want 4: %v", len(got), got)
	}
}

// roleCompares lists the ==, != and switches in f that involve a Role field or one of
// auth's Role constants.
func roleCompares(f *ast.File) []string {
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if (n.Op == token.EQL || n.Op == token.NEQ) && (isRole(n.X) || isRole(n.Y)) {
				out = append(out, exprString(n.X)+" "+n.Op.String()+" "+exprString(n.Y))
			}
		case *ast.SwitchStmt:
			if n.Tag != nil && isRole(n.Tag) {
				out = append(out, "switch "+exprString(n.Tag))
			}
		}
		return true
	})
	return out
}

// isRole reports whether e is x.Role or one of auth's constants auth.RoleX.
func isRole(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.SelectorExpr:
		if e.Sel.Name == "Role" {
			return true
		}
		pkg, ok := e.X.(*ast.Ident)
		return ok && pkg.Name == "auth" && strings.HasPrefix(e.Sel.Name, "Role")
	case *ast.ParenExpr:
		return isRole(e.X)
	}
	return false
}

func exprString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.SelectorExpr:
		return exprString(e.X) + "." + e.Sel.Name
	case *ast.Ident:
		return e.Name
	case *ast.BasicLit:
		return e.Value
	}
	return "…"
}
