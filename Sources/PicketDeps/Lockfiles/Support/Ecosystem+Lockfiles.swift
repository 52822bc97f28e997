extension Ecosystem {
    // OSV ecosystems read by the lockfile parsers beyond the shared model's list.
    public static let hackage = Ecosystem("Hackage")
    public static let cran = Ecosystem("CRAN")
    public static let bioconductor = Ecosystem("Bioconductor")
    public static let julia = Ecosystem("Julia")
    /// Not an OSV ecosystem (OSV has no CocoaPods data); kept for inventories and licences.
    public static let cocoaPods = Ecosystem("CocoaPods")
}
