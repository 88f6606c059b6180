// A GoogleTest fixture whose suite shares one TlsTestServer (mutual TLS, a
// fresh data directory), started before the suite's first test with the
// principals `Principals()` returns and stopped after its last; and a date
// helper that keeps what a test sends exactly as written.
//
// Thread-safety: the fixture's server is created and destroyed on the test
// runner's thread; tests may use it from several threads (TlsTestServer is
// thread-safe).
//
// Example:
//   class AccordApiTest
//       : public testing::SharedServerTest<testing::CooperationPrincipals> {};
//   TEST_F(AccordApiTest, Drafts) { CooperationApi c(*server_, "c1"); ... }
#ifndef CONCORDIA_TESTS_TESTING_SHARED_SERVER_TEST_H_
#define CONCORDIA_TESTS_TESTING_SHARED_SERVER_TEST_H_

#include <string>
#include <vector>

#include "concordia/v1/calendar.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/tls_test_server.h"

namespace concordia::testing {

template <std::vector<std::string> (*Principals)()>
class SharedServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    TlsTestServer::Options options;
    options.principals = Principals();
    auto server = TlsTestServer::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = server->release();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static inline TlsTestServer* server_ = nullptr;
};

// A date as sent, not normalised (so 30 February stays invalid).
inline v1::Date RawDate(int year, int month, int day) {
  v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

}  // namespace concordia::testing

#endif  // CONCORDIA_TESTS_TESTING_SHARED_SERVER_TEST_H_
