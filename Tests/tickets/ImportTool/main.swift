import Glibc
import PlanCore
import TicketEvidence

// ticket-import FILE [role=NAME …]: reads a ticket export with TicketEvidence and prints the report and the
// statements an `:import tickets` would apply. For measurements (`/usr/bin/time -v`) and by-hand checks;
// not part of the product.
let arguments = Array(CommandLine.arguments.dropFirst())
guard let path = arguments.first else {
    print("usage: ticket-import FILE [role=NAME …]")
    exit(2)
}
do {
    let result = try TicketImport.read(path: path, columns: try TicketColumns(maps: Array(arguments.dropFirst())))
    for line in result.report { print(line) }
    print("")
    print(result.statementsText, terminator: "")
} catch {
    print("error (\(error.kind.rawValue)): \(error.message)" + (error.hint.map { "\n  \($0)" } ?? ""))
    exit(1)
}
