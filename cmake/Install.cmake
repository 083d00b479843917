# What `cmake --install build --prefix P` puts under P, and the Debian package made of it
# (`cpack -G DEB`, from build/CPackConfig.cmake):
#   bin/lockgraph, bin/lockgraph-analyze
#   LIBDIR/lockgraph/liblockgraph-hook.so      found by bin/lockgraph relative to itself
#   LIBDIR/cmake/lockgraph/                    find_package(lockgraph CONFIG): lockgraph_test_under_hook(),
#                                              lockgraph_add_analysis() (cmake/lockgraph-functions.cmake)
#   share/man/man1/lockgraph*.1                made from the text each command prints for --help
#   share/doc/lockgraph/                       README, docs/*.md, the JSON schema, docs/ci/
# Nothing installed names the build tree or the prefix: the tree can be copied anywhere.
include(CMakePackageConfigHelpers)

# ---- man pages ----------------------------------------------------------------------------------
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  set(lg_man ${CMAKE_BINARY_DIR}/man/man1)
  set(lg_pages)
  foreach(page lockgraph run report)
    if(page STREQUAL "lockgraph")
      set(title lockgraph)
    else()
      set(title lockgraph-${page})
    endif()
    add_custom_command(OUTPUT ${lg_man}/${title}.1
      COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/help/help2man.py --name ${title}
              --version ${PROJECT_VERSION} --input ${PROJECT_SOURCE_DIR}/tools/help/${page}.txt -o ${lg_man}/${title}.1
      DEPENDS ${PROJECT_SOURCE_DIR}/tools/help/${page}.txt ${PROJECT_SOURCE_DIR}/tools/help/help2man.py
      COMMENT "man page ${title}(1)" VERBATIM)
    list(APPEND lg_pages ${lg_man}/${title}.1)
  endforeach()
  if(TARGET lockgraph-analyze)
    # lockgraph-analyze's options are llvm::cl's: its page is made from what it prints for --help.
    add_custom_command(OUTPUT ${lg_man}/lockgraph-analyze.1
      COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/help/help2man.py --name lockgraph-analyze
              --version ${PROJECT_VERSION} --program $<TARGET_FILE:lockgraph-analyze> -o ${lg_man}/lockgraph-analyze.1
      DEPENDS lockgraph-analyze ${PROJECT_SOURCE_DIR}/tools/help/help2man.py
      COMMENT "man page lockgraph-analyze(1)" VERBATIM)
    list(APPEND lg_pages ${lg_man}/lockgraph-analyze.1)
  endif()
  add_custom_target(lockgraph-man ALL DEPENDS ${lg_pages})
  install(FILES ${lg_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT lockgraph)
else()
  message(WARNING "python3 not found: no man pages")
endif()

# ---- docs ---------------------------------------------------------------------------------------
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT lockgraph)
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs COMPONENT lockgraph
        FILES_MATCHING PATTERN "*.md" PATTERN "*.json" PATTERN "*.yml" PATTERN "*.sh" PATTERN "*.cmake")

# ---- the CMake package --------------------------------------------------------------------------
set(lg_cmakedir ${CMAKE_INSTALL_LIBDIR}/cmake/lockgraph)
configure_package_config_file(cmake/lockgraphConfig.cmake.in ${CMAKE_BINARY_DIR}/pkg/lockgraphConfig.cmake
  INSTALL_DESTINATION ${lg_cmakedir}
  PATH_VARS CMAKE_INSTALL_BINDIR CMAKE_INSTALL_LIBDIR)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/pkg/lockgraphConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/pkg/lockgraphConfig.cmake ${CMAKE_BINARY_DIR}/pkg/lockgraphConfigVersion.cmake
              cmake/lockgraph-functions.cmake cmake/lockgraph-merge-logs.cmake cmake/lockgraph-analyze-tu.cmake
        DESTINATION ${lg_cmakedir} COMPONENT lockgraph)

# ---- the Debian package (cpack -G DEB) -----------------------------------------------------------
set(CPACK_PACKAGE_NAME lockgraph)
set(CPACK_PACKAGE_VENDOR "lockgraph")
set(CPACK_PACKAGE_CONTACT "lockgraph maintainers <lockgraph@lockgraph.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "deadlock and data race detector for C and C++ (runtime hook and static analyzer)")
set(CPACK_PACKAGE_DESCRIPTION
  "lockgraph finds lock-order inversions, self-deadlocks, lock misuse and unlocked read-modify-writes.\n"
  "Its LD_PRELOAD runtime hook checks unmodified programs (lockgraph run); its Clang 19 static analyzer\n"
  "reads a compile_commands.json (lockgraph analyze); lockgraph report merges their findings and\n"
  "ThreadSanitizer's into one report (text, JSON, SARIF, GitLab code quality, HTML).")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://lockgraph.invalid/")
# Shared libraries (libclang-cpp19, libllvm19, libc6, libstdc++6) by dpkg-shlibdeps; the programs
# and files lockgraph runs or reads besides: llvm-symbolizer (llvm-19) names the hook's frames,
# clang's builtin headers (libclang-common-19-dev) let the analyzer parse any source.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "llvm-19, libclang-common-19-dev")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "graphviz, clang-19")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "chromium")
include(CPack)
