/// What a scan looks at: a root folder, where it came from, how deep to look, and the configuration that
/// applies to it. Sources (a local path, a GitLab clone) build it; scanners only read it.
public struct ScanTarget: Sendable {
    public enum Mode: String, Sendable, Codable {
        /// The files as they are on disk.
        case workingTree = "working-tree"
        /// Every blob reachable from every ref of the repository.
        case history
    }

    /// Absolute, symlink-resolved root.
    public var root: String
    public var mode: Mode
    public var origin: ScanOrigin
    public var config: PicketConfig
    /// The files under `root` that pass the walker's rules; computed once, shared by every scanner.
    public var inventory: FileInventory

    public init(root: String, mode: Mode = .workingTree, origin: ScanOrigin, config: PicketConfig, inventory: FileInventory) {
        self.root = root
        self.mode = mode
        self.origin = origin
        self.config = config
        self.inventory = inventory
    }
}

/// Where the scanned code came from.
public struct ScanOrigin: Sendable, Hashable, Codable {
    /// Set when the root is inside a git work tree: the HEAD commit and branch.
    public var commit: CommitInfo?
    public var branch: String?
    /// Set for code fetched from GitLab: `group/subgroup/project` and its web URL.
    public var projectPath: String?
    public var projectURL: String?

    public init(commit: CommitInfo? = nil, branch: String? = nil, projectPath: String? = nil, projectURL: String? = nil) {
        self.commit = commit
        self.branch = branch
        self.projectPath = projectPath
        self.projectURL = projectURL
    }
}
