//! br-session stays layered: the round engine, the summaries and the reports
//! read each other one way only.

#[test]
fn no_module_depends_on_itself_through_others() {
    let graph = br_module_graph::ModuleGraph::of_crate(env!("CARGO_MANIFEST_DIR"));
    assert!(graph.contains("round") && graph.contains("report"));
    // The round engine is below everything that reads rounds.
    let deps = |m: &str| graph.dependencies_of(m).expect("a module of br-session");
    for reader in ["summary", "report", "progress"] {
        assert!(
            !deps("round").iter().any(|d| d == reader),
            "round must not read {reader}"
        );
    }
    assert_eq!(graph.cycle(), None, "a module cycle in br-session");
}
