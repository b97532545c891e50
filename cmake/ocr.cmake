# cmake/ocr.cmake - OCR of faxed requests (workers/ocr.c) with Tesseract and
# Leptonica, its test and its measurement tool. Included from the top-level
# CMakeLists.txt after the subdirectories. Needs (Debian): libtesseract-dev
# libleptonica-dev; the test also needs tesseract-ocr-jpn (and -eng).
pkg_check_modules(TESSERACT REQUIRED IMPORTED_TARGET tesseract)
pkg_check_modules(LEPT REQUIRED IMPORTED_TARGET lept)
# PDF faxes (fax-to-mail gateways often send PDF) are rendered with poppler and cairo.
pkg_check_modules(POPPLER REQUIRED IMPORTED_TARGET poppler-glib cairo)
# ocr.c tames Tesseract's OpenMP threads (omp_set_dynamic); GCC ships it.
find_package(OpenMP REQUIRED COMPONENTS C)

add_library(madoguchi_ocr STATIC ${CMAKE_SOURCE_DIR}/workers/ocr.c)
target_include_directories(madoguchi_ocr PUBLIC ${CMAKE_SOURCE_DIR}/workers)
target_link_libraries(madoguchi_ocr PUBLIC madoguchi PkgConfig::TESSERACT PkgConfig::LEPT PkgConfig::POPPLER
  PRIVATE OpenMP::OpenMP_C)

if(MADOGUCHI_TESTS)
  add_executable(test_ocr ${CMAKE_SOURCE_DIR}/tests/test_ocr.c)
  target_include_directories(test_ocr PRIVATE ${CMAKE_SOURCE_DIR}/tests)
  target_link_libraries(test_ocr PRIVATE madoguchi_ocr)
  add_test(NAME ocr COMMAND test_ocr ${CMAKE_SOURCE_DIR}/tests/data/fax)
  set_tests_properties(ocr PROPERTIES TIMEOUT 180)

  # Run by the benchmark, not by ctest: it reads every sample four times over.
  add_executable(ocr_measure ${CMAKE_SOURCE_DIR}/tests/ocr_measure.c)
  target_include_directories(ocr_measure PRIVATE ${CMAKE_SOURCE_DIR}/tests)
  target_link_libraries(ocr_measure PRIVATE madoguchi_ocr)
endif()
