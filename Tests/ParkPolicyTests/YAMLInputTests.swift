import Foundation
import ParkPolicy
import Testing

@Suite("YAML input limits")
struct YAMLInputTests {
    /// Nested aliases, some used as complex mapping keys: every level multiplies by nine what
    /// composing it costs.
    static let bomb = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c {*b: 1, *b : 2}
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        ? [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        : f
        """

    func refusal(_ text: String) -> YAMLInput.Refusal? {
        do {
            try YAMLInput.check(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("a billion-laughs policy is refused at its first anchor, naming file, line and column")
    func billionLaughs() {
        #expect(throws: PolicyProblems.self) { try PolicyLoader.load(Self.bomb, fileName: "bomb.yaml") }
        do {
            _ = try PolicyLoader.load(Self.bomb, fileName: "bomb.yaml")
        } catch {
            #expect(error.description == "bomb.yaml:1:4: YAML anchors and aliases are not allowed in parkd's files: '&a' is an anchor")
        }
    }

    @Test("a policy test file with an alias is refused")
    func testFile() {
        do {
            _ = try PolicyTestSuite.parse("cases:\n  - name: x\n    period: *p\n", fileName: "t.yaml")
            Issue.record("an alias was accepted")
        } catch {
            #expect(error.description == "t.yaml:3:13: YAML anchors and aliases are not allowed in parkd's files: '*p' is an alias")
        }
    }

    @Test("a policy test file places a syntax error and a key given twice where they are, as policies and parkd's configuration do")
    func syntaxErrorsPlaced() throws {
        let unclosed = "cases:\n  - name: [x\n"
        let problems = { (text: String) -> [String] in
            do {
                _ = try PolicyTestSuite.parse(text, fileName: "t.yaml")
                return []
            } catch {
                return (error as? PolicyProblems)?.problems.map(\.description) ?? ["\(error)"]
            }
        }
        let placed = try #require(problems(unclosed).first)
        #expect(placed.hasPrefix("t.yaml:3:1: not valid YAML: "), "\(placed)")
        #expect(problems("cases: []\ncases: []\n") == ["t.yaml:2:1: 'cases' is given more than once"])
        #expect(throws: YAMLInput.Refusal(position: SourcePosition(line: 2, column: 1), message: "is given more than once", key: "id")) {
            try YAMLInput.compose("id: A\nid: B\n")
        }
        // At the second occurrence, within a nested mapping, after comments, quoted or not; a
        // flow mapping is placed where it begins.
        let nested = "# parkd\nlog:\n  level: info\n  # again\n  target: stderr\n  \"level\": debug\nsocket:\n  level: x\n"
        #expect(throws: YAMLInput.Refusal(position: SourcePosition(line: 6, column: 3), message: "is given more than once", key: "level")) {
            try YAMLInput.compose(nested)
        }
        let top = "# parkd\nlog:\n  level: info\nsocket:\n  mode: \"0660\"\nlog:\n  level: debug\n"
        #expect(throws: YAMLInput.Refusal(position: SourcePosition(line: 6, column: 1), message: "is given more than once", key: "log")) {
            try YAMLInput.compose(top)
        }
        #expect(throws: YAMLInput.Refusal(position: SourcePosition(line: 1, column: 5), message: "is given more than once", key: "a")) {
            try YAMLInput.compose("k: {a: 1, a: 2}\n")
        }
        #expect(try YAMLInput.compose("") == nil)
    }

    @Test("anchors and aliases are found wherever libyaml reads them as tokens", arguments: [
        ("x: *a\n", 1, 4),
        ("- [1, *a]\n", 1, 7),
        ("k: !!str &a v\n", 1, 10),
        ("--- *a\n", 1, 5),
        ("k: {a: 1,\n  b: *c}\n", 2, 6),
        ("- note: |\n    *text\n  other: *a\n", 3, 10),
        ("k: \"quoted\" \nj: 'it''s'\nl: *a\n", 3, 4),
        ("k: >-\n  folded\nj: &a x\n", 3, 4),
        ("# comment\r*a: 1\n", 2, 1),
    ])
    func found(text: String, line: Int, column: Int) {
        #expect(refusal(text)?.position == SourcePosition(line: line, column: column), "\(text)")
    }

    @Test("& and * inside scalars and comments are text", arguments: [
        "amount: placements * placement_subsidy\n",
        "amount: a\n  * b\n",
        "amount: a*b &c\n",
        "title: \"*a &b\"\nissuer: '&x ''*y'''\n",
        "k: v # *a &b\n# *c\n",
        "note: |\n  *a\n  &b\n",
        "- note: >\n    *a\n",
        "k: [\"*a\", '&b', c*d]\n",
    ])
    func text(text: String) {
        #expect(refusal(text) == nil, "\(text)")
    }

    @Test("every shipped policy, policy test and calendar file passes")
    func shipped() throws {
        let config = ReferencePolicyTests.repository.appendingPathComponent("Config")
        let files = try FileManager.default.subpathsOfDirectory(atPath: config.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count > 10)
        for file in files {
            let text = try String(contentsOf: config.appendingPathComponent(file), encoding: .utf8)
            #expect(refusal(text) == nil, "\(file)")
        }
    }

    @Test("a file over the bound is refused before it is parsed, naming the bound")
    func size() {
        let text = "title: " + String(repeating: "x", count: YAMLInput.maximumBytes) + "\n"
        #expect(refusal(text) == YAMLInput.Refusal(position: nil, message: "is \(text.utf8.count) bytes, larger than the 1048576 bytes (1 MiB) parkd reads from a YAML file"))
        do {
            _ = try PolicyLoader.load(text, fileName: "big.yaml")
        } catch {
            #expect(error.description.hasPrefix("big.yaml: is \(text.utf8.count) bytes, larger than the 1048576 bytes"))
        }
    }
}

@Suite("What a refused policy file's reply holds")
struct PolicyProblemLimitTests {
    @Test("a file of thousands of mistakes gets its first hundred problems and a count of the rest; a file name is a file name's length")
    func bounded() {
        let keys = (0..<2_000).map { "k\($0): 1" }.joined(separator: "\n")
        let problems = Fixtures.problems(keys, file: "many.yaml")
        #expect(problems.count == PolicyProblems.listed + 1)
        #expect(problems.last?.description.hasPrefix("many.yaml: and ") == true && problems.last?.description.hasSuffix(" more problems, not listed: fix these first") == true, "\(problems.last!)")
        let name = String(repeating: "f", count: 50_000)
        #expect(Fixtures.problems("id: A\n", file: name).map(\.description) == [
            "\(String(repeating: "f", count: 40))…: the file name is 50000 bytes long; at most 255 are allowed",
        ])
        let test = Result { try PolicyTestSuite.parse("cases: []\n", fileName: name) }
        #expect(throws: PolicyProblems.self) { try test.get() }
    }

    @Test("libyaml's nesting limit is said in words, not by its API's name")
    func nesting() {
        let deep = String(repeating: "[", count: 5_000)
        let problem = Fixtures.problems(deep, file: "deep.yaml").first?.description ?? ""
        #expect(problem.contains("not valid YAML: nested too deeply") && !problem.contains("yaml_set_max_nest_level"), "\(problem)")
    }
}
