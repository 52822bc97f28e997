extension String {
    /// The PEP 503 normalised form of a Python package name: lower case, each run of `-`, `_` and `.` one `-`
    /// (`Foo_Bar..baz` → `foo-bar-baz`).
    public var pep503Normalized: String {
        var out = ""
        var lastWasSeparator = false
        for ch in lowercased() {
            if ch == "-" || ch == "_" || ch == "." {
                if !lastWasSeparator { out.append("-") }
                lastWasSeparator = true
            } else {
                out.append(ch)
                lastWasSeparator = false
            }
        }
        return out
    }
}
