package main

import (
	"archive/tar"
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
)

func unzip(zr *zip.Reader, dest string) {
	for _, f := range zr.File {
		// ruleid: picket.go.path-traversal.archive-zip-slip
		target := filepath.Join(dest, f.Name)
		os.WriteFile(target, nil, 0o644)
	}
}

func untar(tr *tar.Reader, dest string) {
	for {
		hdr, err := tr.Next()
		if err != nil {
			return
		}
		// ruleid: picket.go.path-traversal.archive-zip-slip
		os.Create(filepath.Join(dest, hdr.Name))
	}
}

func unzipSafe(zr *zip.Reader, dest string) {
	for _, f := range zr.File {
		// ok: picket.go.path-traversal.archive-zip-slip
		target := filepath.Join(dest, f.Name)
		if !strings.HasPrefix(target, filepath.Clean(dest)+string(os.PathSeparator)) {
			continue
		}
		os.WriteFile(target, nil, 0o644)
	}
	// ok: picket.go.path-traversal.archive-zip-slip
	os.MkdirAll(filepath.Join(dest, "tmp"), 0o755)
}
