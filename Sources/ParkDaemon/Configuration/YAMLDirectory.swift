import Foundation

/// A directory of YAML files that parkd reads whole at start and on every reload: the
/// policies, the working-day calendar.
struct YAMLDirectory {
    let path: String
    /// What it is called in messages, such as "policy directory".
    let name: String

    /// The path is not a directory, or it cannot be listed.
    struct Unreadable: Error {
        let message: String
    }

    /// The paths of its `*.yaml` and `*.yml` files in name order; none when it does not exist.
    func files() throws(Unreadable) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { throw Unreadable(message: "is not a directory") }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                .map { (path as NSString).appendingPathComponent($0) }
        } catch {
            throw Unreadable(message: "cannot list: \(error.localizedDescription)")
        }
    }

    /// Why a directory read without errors gave nothing.
    var emptiness: String {
        FileManager.default.fileExists(atPath: path)
            ? "the \(name) \(path) holds no *.yaml or *.yml file"
            : "the \(name) \(path) does not exist"
    }
}
