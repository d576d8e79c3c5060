package auth

import (
	"testing"

	"kovit/internal/kovit"
)

func TestTrainingRecordsPolicy(t *testing.T) {
	tallinn := &User{ID: 1, Role: RoleEditor, MunicipalityEHAK: "0784", Active: true}
	tartu := &User{ID: 2, Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}
	reader := &User{ID: 3, Role: RoleReader, Active: true}
	coord := &User{ID: 4, Role: RoleCoordinator, Active: true}
	gone := &User{ID: 5, Role: RoleEditor, MunicipalityEHAK: "0784"}
	for _, c := range []struct {
		name             string
		u                *User
		records, catalog kovit.Code
		manage, all      kovit.Code
	}{
		{"the public", nil, kovit.EUnauthorized, kovit.EUnauthorized, kovit.EUnauthorized, kovit.EUnauthorized},
		{"the municipality's editor", tallinn, "", "", kovit.EForbidden, kovit.EForbidden},
		{"another municipality's editor", tartu, kovit.EForbidden, "", kovit.EForbidden, kovit.EForbidden},
		{"a reader", reader, kovit.EForbidden, "", kovit.EForbidden, kovit.EForbidden},
		{"a coordinator", coord, "", "", "", ""},
		{"a deactivated editor", gone, kovit.EForbidden, kovit.EForbidden, kovit.EForbidden, kovit.EForbidden},
	} {
		if got := kovit.ErrorCode(CanReadTrainingRecords(c.u, "0784")); got != c.records {
			t.Errorf("%s reads Tallinn's records: %q, want %q", c.name, got, c.records)
		}
		if got := kovit.ErrorCode(CanEditTrainingRecords(c.u, "0784")); got != c.records {
			t.Errorf("%s records for Tallinn: %q, want %q", c.name, got, c.records)
		}
		if got := kovit.ErrorCode(CanReadTrainings(c.u)); got != c.catalog {
			t.Errorf("%s reads the trainings: %q, want %q", c.name, got, c.catalog)
		}
		if got := kovit.ErrorCode(CanManageTrainings(c.u)); got != c.manage {
			t.Errorf("%s manages trainings: %q, want %q", c.name, got, c.manage)
		}
		if got := kovit.ErrorCode(CanReadAllTrainingGaps(c.u)); got != c.all {
			t.Errorf("%s reads every gap: %q, want %q", c.name, got, c.all)
		}
	}
	if TrainingOf(tallinn) != "0784" || TrainingOf(coord) != "" || TrainingOf(nil) != "" {
		t.Error("TrainingOf")
	}
}
