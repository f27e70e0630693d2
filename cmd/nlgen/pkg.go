package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/packages"
)

// pkgInfo names the package the generated files belong to.
type pkgInfo struct {
	Name string // package clause
	Path string // import path
}

// resolvePackage asks the go command which package lives in dir, so nlgen
// works from `go generate` in any module. name overrides the package clause
// for a directory that has no Go files yet.
func resolvePackage(dir, name string) (pkgInfo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return pkgInfo{}, err
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles, Dir: abs}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		return pkgInfo{}, fmt.Errorf("resolving the package in %s: %v", dir, err)
	}
	if len(pkgs) != 1 {
		return pkgInfo{}, fmt.Errorf("resolving the package in %s: found %d packages", dir, len(pkgs))
	}
	p := pkgs[0]
	info := pkgInfo{Name: p.Name, Path: p.PkgPath}
	if name != "" {
		info.Name = name
	}
	if info.Name == "" {
		// A directory with no Go files yet: name the package after it.
		info.Name = filepath.Base(abs)
	}
	if info.Path == "" || info.Path == "." || info.Path == "command-line-arguments" {
		// No Go files yet: the import path is the module path joined with
		// the directory's place in the module.
		path, err := pathInModule(abs)
		if err != nil {
			return pkgInfo{}, fmt.Errorf("%s is not inside a Go module (no go.mod above it): %v", dir, err)
		}
		info.Path = path
	}
	return info, nil
}

// pathInModule derives the import path of directory abs from the module
// that contains it.
func pathInModule(abs string) (string, error) {
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Path}}\t{{.Dir}}")
	cmd.Dir = abs
	out, err := cmd.Output()
	if err != nil {
		return "", err
	}
	modPath, modDir, ok := strings.Cut(strings.TrimSpace(string(out)), "\t")
	if !ok || modPath == "" || modDir == "" || strings.Contains(modPath, "\n") {
		return "", fmt.Errorf("go list -m printed %q", out)
	}
	rel, err := filepath.Rel(modDir, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", fmt.Errorf("%s is outside module %s", abs, modDir)
	}
	return path.Join(modPath, filepath.ToSlash(rel)), nil
}

// unixConstants lists the constants golang.org/x/sys/unix declares for this
// GOOS/GOARCH, as seen from dir's module. Generated code pins its own
// constants to these. Without x/sys available it returns an empty set and no
// guards are generated.
func unixConstants(dir string) (map[string]bool, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles, Dir: abs, Env: append(cfgEnv(), "GOOS=linux")}
	pkgs, err := packages.Load(cfg, unixPath)
	if err != nil {
		return nil, err
	}
	names := map[string]bool{}
	fset := token.NewFileSet()
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			return nil, fmt.Errorf("loading %s: %v", unixPath, p.Errors[0])
		}
		for _, file := range p.GoFiles {
			f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
			if err != nil {
				return nil, err
			}
			for _, d := range f.Decls {
				g, ok := d.(*ast.GenDecl)
				if !ok || g.Tok != token.CONST {
					continue
				}
				for _, spec := range g.Specs {
					for _, n := range spec.(*ast.ValueSpec).Names {
						if n.IsExported() {
							names[n.Name] = true
						}
					}
				}
			}
		}
	}
	return names, nil
}
