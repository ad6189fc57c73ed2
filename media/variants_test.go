package media

import "testing"

func TestOriginal(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"https://blog.example.org/wp-content/uploads/2023/03/photo-300x200.jpg", "https://blog.example.org/wp-content/uploads/2023/03/photo.jpg", true},
		{"https://i0.wp.com/blog.example.org/wp-content/uploads/2023/03/photo.jpg?w=640&ssl=1", "https://blog.example.org/wp-content/uploads/2023/03/photo.jpg", true},
		{"https://i2.wp.com/blog.example.org/wp-content/uploads/photo-1024x768.png?resize=1024%2C768", "https://blog.example.org/wp-content/uploads/photo.png", true},
		{"https://blog.files.wordpress.com/2012/01/cat.jpg?w=300", "https://blog.files.wordpress.com/2012/01/cat.jpg", true},
		{"https://blog.example.org/wp-content/uploads/2023/03/photo.jpg", "", false},
		{"https://blog.example.org/wp-content/uploads/a.jpg?v=3", "", false}, // a cache-buster names the same file, but not as a resize
		{"https://i0.wp.com/noslash", "", false},
	}
	for _, tt := range tests {
		got, ok := Original(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Original(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
