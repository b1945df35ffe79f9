/// What the payload readers of several submission types read alike: a row's id, a list of strings.
enum PayloadValue {
    /// A row id, a whole number from 1; else a problem at `path` saying `what` was expected.
    static func identifier(_ value: StrictJSON, path: String, what: String, into problems: inout [SubmissionFieldError]) -> Int64? {
        guard case .number(let text) = value, let id = Int64(text), id > 0 else {
            problems.append(SubmissionFieldError(path: path, reason: "\(what) (a whole number from 1) was expected, not \(value.kindName)"))
            return nil
        }
        return id
    }

    /// The strings of an array, each other item a problem at its index.
    static func strings(_ items: [StrictJSON], path: String, into problems: inout [SubmissionFieldError]) -> [String] {
        items.enumerated().compactMap { index, item in
            guard case .string(let string) = item else {
                problems.append(SubmissionFieldError(path: "\(path)[\(index)]", reason: "a string was expected, not \(item.kindName)"))
                return nil
            }
            return string
        }
    }
}
