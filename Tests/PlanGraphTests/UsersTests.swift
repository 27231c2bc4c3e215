import Testing

@testable import PlanGraph

@Suite("Users: a node's users inline, then in an array")
struct UsersTests {
    @Test("append keeps order past the two inline slots; remove takes out the first occurrence only")
    func appendRemove() {
        var users = Users()
        #expect(users.isEmpty)
        for user in [7, 3, 9, 3, 12] { users.append(user) }
        #expect(Array(users) == [7, 3, 9, 3, 12])
        #expect(users.count == 5 && users[2] == 9)
        users.remove(3)
        #expect(Array(users) == [7, 9, 3, 12])
        users.remove(7)
        #expect(Array(users) == [9, 3, 12])
        users.remove(42)
        #expect(Array(users) == [9, 3, 12])
        users.remove(9)
        users.remove(3)
        users.remove(12)
        #expect(users.isEmpty && users == Users())
    }
}
