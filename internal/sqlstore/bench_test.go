package sqlstore_test

import (
	"context"
	"testing"

	"kovit/internal/municipality"
	"kovit/internal/sqlstore/sqlstoretest"
)

func BenchmarkListMunicipalities(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := sqlstoretest.New(b, engine)
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, n, err := s.ListMunicipalities(ctx, municipality.Filter{}); err != nil || n != 79 {
						b.Fatal(n, err)
					}
				}
			})
		})
	}
}
