package stream

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
)

func post(id int64) archive.Record { return archive.Record{Post: &archive.Post{ID: id}} }

func TestReaderYieldsInOrderThenTheError(t *testing.T) {
	fetchFailed := errors.New("fetch failed")
	r := New(func(put func(archive.Record) error) error {
		for id := range int64(3) {
			if err := put(post(id)); err != nil {
				return err
			}
		}
		return fetchFailed
	})
	for want := range int64(3) {
		rec, err := r.Next()
		if err != nil || rec.Post == nil || rec.Post.ID != want {
			t.Fatalf("record %d: %+v, %v", want, rec, err)
		}
	}
	if _, err := r.Next(); !errors.Is(err, fetchFailed) {
		t.Fatalf("after the records: %v, want the producer's error", err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("after the error: %v, want io.EOF", err)
	}
}

func TestCloseStopsTheProducer(t *testing.T) {
	var putErr error
	produced := 0
	r := New(func(put func(archive.Record) error) error {
		for id := range int64(1000) {
			if putErr = put(post(id)); putErr != nil {
				return putErr
			}
			produced++
		}
		return nil
	})
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	r.Close()
	if produced > 1 || putErr == nil {
		t.Errorf("after Close the producer made %d records and put said %v; want it stopped at the first", produced, putErr)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("Next after Close: %v, want io.EOF", err)
	}
}

func TestNothingRunsBeforeNext(t *testing.T) {
	ran := false
	r := New(func(put func(archive.Record) error) error { ran = true; return nil })
	if ran {
		t.Fatal("the producer ran before the first Next")
	}
	if _, err := r.Next(); err != io.EOF || !ran {
		t.Fatalf("Next: %v (ran %v), want io.EOF after running", err, ran)
	}
}

func TestGraceOutlivesTheInterruptBriefly(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	graced, stop := Grace(ctx)
	defer stop()
	cancel()
	if graced.Err() != nil {
		t.Fatal("the graced context ended with the interrupt")
	}
	select {
	case <-graced.Done():
	case <-time.After(ShutdownGrace + 5*time.Second):
		t.Fatal("the graced context outlived its grace")
	}
}
