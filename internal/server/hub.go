package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// event is one server-sent event for the open tabs.
type event struct {
	name string // reload, css, builderror
	data any
}

// hub fans events out to every connected tab. The zero value is not
// usable: call newHub. A hub stops when close is called.
type hub struct {
	mu      sync.Mutex // guards clients, closed and last
	clients map[chan event]bool
	closed  bool
	last    *event // the current build error, sent to tabs that connect later
}

func newHub() *hub { return &hub{clients: map[chan event]bool{}} }

// send gives e to every tab; a tab too slow to take it misses it (it will
// get the next one) rather than blocking the rebuild.
func (h *hub) send(e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if e.name == "builderror" {
		h.last = &e
	} else {
		h.last = nil
	}
	for c := range h.clients {
		select {
		case c <- e:
		default:
		}
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.clients {
		close(c)
		delete(h.clients, c)
	}
}

// ServeHTTP streams events to one tab until it goes away or the hub closes.
func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan event, 4)
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	h.clients[c] = true
	last := h.last
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		if h.clients[c] {
			delete(h.clients, c)
		}
		h.mu.Unlock()
	}()

	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	fmt.Fprint(w, "retry: 500\n: connected\n\n")
	if last != nil {
		writeEvent(w, *last)
	}
	flusher.Flush()
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case e, ok := <-c:
			if !ok {
				return
			}
			writeEvent(w, e)
			flusher.Flush()
		case <-keepAlive.C:
			fmt.Fprint(w, ": ping\n\n")
			flusher.Flush()
		case <-r.Context().Done():
			return
		}
	}
}

func writeEvent(w http.ResponseWriter, e event) {
	data, _ := json.Marshal(e.data)
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, data)
}
