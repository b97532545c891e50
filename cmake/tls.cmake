# cmake/tls.cmake - verification of the IMAP server's certificate with
# GnuTLS (lib/tls_verify.c), which Debian's libetpan does not do.
# Included from the top-level CMakeLists.txt after lib/ and tests/.
pkg_check_modules(GNUTLS REQUIRED IMPORTED_TARGET gnutls)

target_sources(madoguchi PRIVATE ${CMAKE_SOURCE_DIR}/lib/tls_verify.c)
target_link_libraries(madoguchi PUBLIC PkgConfig::GNUTLS)

if(MADOGUCHI_TESTS)
  add_executable(test_tls_verify ${CMAKE_SOURCE_DIR}/tests/test_tls_verify.c)
  target_include_directories(test_tls_verify PRIVATE ${CMAKE_SOURCE_DIR}/tests)
  target_link_libraries(test_tls_verify PRIVATE madoguchi)

  # Fresh certificates on every run: they carry today's dates, so the test
  # cannot start failing the day fixed ones would expire.
  set(TLS_TEST_CERTS ${CMAKE_BINARY_DIR}/tls-test-certs)
  add_test(NAME tls_verify
    COMMAND sh -c "\"$0\" \"$1\" && exec \"$2\" \"$1\""
            ${CMAKE_SOURCE_DIR}/tests/tls/make-certs.sh ${TLS_TEST_CERTS}
            $<TARGET_FILE:test_tls_verify>)
  # tests/lsan.supp hides every leak under libgnutls, which would hide ours
  # too: this test runs without it (it leaks nothing, system store included).
  set_tests_properties(tls_verify PROPERTIES TIMEOUT 60
    ENVIRONMENT "LSAN_OPTIONS=print_suppressions=0")
endif()
