package sqlstore_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"kovit/internal/municipality"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func mustTime(day string) time.Time {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		panic(err)
	}
	return t
}

func TestBackupOfLiveSQLite(t *testing.T) {
	s := sqlstoretest.New(t, "sqlite")
	ctx := context.Background()
	done := make(chan struct{})
	go func() { // a writer keeps going while the copy is made
		defer close(done)
		for i := range 50 {
			cur, _ := s.Municipality(ctx, "0784")
			s.UpdateDetails(ctx, "0784", municipality.Details{Contact: municipality.Contact{Name: string(rune('A' + i%26))}, Version: cur.Version})
		}
	}()
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	<-done
	cp, err := sqlstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if err := cp.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, total, err := cp.ListMunicipalities(ctx, municipality.Filter{}); err != nil || total != 79 {
		t.Fatalf("copy holds %d municipalities: %v", total, err)
	}
}
