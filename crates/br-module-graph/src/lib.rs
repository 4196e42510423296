//! A crate's module dependency graph, read from its `src/` folder, for
//! tests that keep a crate layered ("no module depends on itself through
//! others"). It reads source text, not the compiler's view: a module depends
//! on another when its non-test code names it (`crate::a::b`, `super::x`, or
//! a child's `name::`); comments do not count.
//!
//! ```no_run
//! let graph = br_module_graph::ModuleGraph::of_crate(env!("CARGO_MANIFEST_DIR"));
//! assert_eq!(graph.cycle(), None);
//! ```

use std::path::Path;

/// Every module of a crate but its root, with the modules each one names.
#[derive(Debug)]
pub struct ModuleGraph {
    /// Module path ("extract::clauses") and the modules it depends on.
    modules: Vec<(String, Vec<String>)>,
}

impl ModuleGraph {
    /// Reads `<manifest_dir>/src`. The crate root (`lib.rs`) and a root
    /// `tests.rs` are left out: the root declares every module and the tests
    /// may use any.
    ///
    /// # Panics
    /// When `src/` or a file in it cannot be read (this is test support).
    pub fn of_crate(manifest_dir: &str) -> Self {
        let sources = sources(&Path::new(manifest_dir).join("src"));
        let modules = sources
            .iter()
            .map(|(path, code)| (path.clone(), dependencies(&sources, path, code)))
            .collect();
        ModuleGraph { modules }
    }

    /// Whether the crate has a module at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.modules.iter().any(|(p, _)| p == path)
    }

    /// The modules that `path` names, sorted; `None` for an unknown module.
    pub fn dependencies_of(&self, path: &str) -> Option<&[String]> {
        self.modules
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, deps)| deps.as_slice())
    }

    /// A chain of modules that leads back to its first one, if any exists.
    pub fn cycle(&self) -> Option<Vec<String>> {
        let mut done: Vec<&str> = Vec::new();
        for (module, _) in &self.modules {
            let mut stack = Vec::new();
            if let Some(cycle) = self.visit(module, &mut stack, &mut done) {
                return Some(cycle);
            }
        }
        None
    }

    /// Depth-first search from `module`; `stack` is the path that led here.
    fn visit<'a>(
        &'a self,
        module: &'a str,
        stack: &mut Vec<&'a str>,
        done: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        if done.contains(&module) {
            return None;
        }
        if let Some(at) = stack.iter().position(|m| *m == module) {
            let mut cycle: Vec<String> = stack[at..].iter().map(|m| m.to_string()).collect();
            cycle.push(module.to_string());
            return Some(cycle);
        }
        stack.push(module);
        for dep in self.dependencies_of(module).unwrap_or_default() {
            if let Some(cycle) = self.visit(dep, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.push(module);
        None
    }
}

/// Every module under `src` but the root, by path, with its code.
fn sources(src: &Path) -> Vec<(String, String)> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{} is not readable: {e}", dir.display()))
            .map(|e| e.expect("a directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path
                .file_stem()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let module = format!("{prefix}{name}");
            if path.is_dir() {
                walk(&path, &format!("{module}::"), out);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !(prefix.is_empty() && ["lib", "tests"].contains(&name.as_str()))
            {
                let code = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{} is not readable: {e}", path.display()));
                out.push((module, code));
            }
        }
    }
    let mut out = Vec::new();
    walk(src, "", &mut out);
    out
}
/// The modules `path`'s code names: `crate::a::b`, `super::x` (a sibling or
/// the parent) and, in a parent, `child::`.
fn dependencies(modules: &[(String, String)], path: &str, code: &str) -> Vec<String> {
    let code = code.split("#[cfg(test)]").next().unwrap_or(code);
    // Comments name modules without depending on them.
    let code: String = code
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let code = code.as_str();
    let known = |name: &str| modules.iter().any(|(p, _)| p == name);
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let first = ident(rest);
        let second = rest[first.len()..]
            .strip_prefix("::")
            .map(ident)
            .map(|s| format!("{first}::{s}"));
        match second.filter(|s| known(s)) {
            Some(nested) => out.push(nested),
            None if known(&first) => out.push(first),
            None => {}
        }
    }
    let parent = path.rsplit_once("::").map(|(p, _)| p.to_string());
    for (at, _) in code.match_indices("super::") {
        let rest = &code[at + "super::".len()..];
        let names: Vec<String> = match rest.strip_prefix('{') {
            Some(list) => list
                .split('}')
                .next()
                .unwrap_or("")
                .split(',')
                .map(|n| ident(n.trim()))
                .collect(),
            None => vec![ident(rest)],
        };
        for name in names {
            let sibling = parent.as_ref().map(|p| format!("{p}::{name}"));
            match (sibling.filter(|s| known(s)), &parent) {
                (Some(sibling), _) => out.push(sibling),
                (None, Some(parent)) => out.push(parent.clone()),
                (None, None) => {}
            }
        }
    }
    for (child, _) in modules
        .iter()
        .filter(|(p, _)| p.starts_with(&format!("{path}::")))
    {
        let name = &child[path.len() + 2..];
        if code.contains(&format!("{name}::")) {
            out.push(child.to_string());
        }
    }
    out.retain(|d| d != path);
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crate_with(files: &[(&str, &str)]) -> (tempfile::TempDir, ModuleGraph) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for (path, code) in files {
            let file = dir.path().join("src").join(path);
            std::fs::create_dir_all(file.parent().expect("a parent")).expect("folders");
            std::fs::write(&file, code).expect("a source file");
        }
        let graph = ModuleGraph::of_crate(dir.path().to_str().expect("a UTF-8 path"));
        (dir, graph)
    }

    #[test]
    fn finds_a_cycle_through_a_nested_module() {
        let (_dir, graph) = crate_with(&[
            ("lib.rs", "mod a; mod b;"),
            ("a.rs", "use crate::b::c::Thing;"),
            ("b.rs", "mod c;"),
            ("b/c.rs", "use crate::a::f;"),
        ]);
        assert_eq!(graph.dependencies_of("a"), Some(&["b::c".to_string()][..]));
        let cycle = graph.cycle().expect("a -> b::c -> a");
        assert_eq!(cycle.first(), cycle.last());
        assert!(cycle.contains(&"a".to_string()) && cycle.contains(&"b::c".to_string()));
    }

    #[test]
    fn comments_and_tests_are_not_dependencies() {
        let (_dir, graph) = crate_with(&[
            ("lib.rs", "mod a; mod b;"),
            ("a.rs", "use crate::b::x;"),
            (
                "b.rs",
                "// crate::a::y is mentioned here only\n#[cfg(test)]\nmod tests { use crate::a::y; }",
            ),
        ]);
        assert_eq!(graph.dependencies_of("b"), Some(&[][..]));
        assert_eq!(graph.cycle(), None);
        assert!(graph.contains("a") && !graph.contains("lib"));
    }

    #[test]
    fn super_names_a_sibling_or_the_parent() {
        let (_dir, graph) = crate_with(&[
            ("lib.rs", "mod p;"),
            ("p.rs", "mod q; mod r; pub fn f() {}"),
            ("p/q.rs", "use super::r::g; use super::f;"),
            ("p/r.rs", "pub fn g() {}"),
        ]);
        assert_eq!(
            graph.dependencies_of("p::q"),
            Some(&["p".to_string(), "p::r".to_string()][..])
        );
    }
}
