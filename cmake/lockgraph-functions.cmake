# lockgraph's CMake functions, installed with its package (find_package(lockgraph CONFIG)).
# Needs LOCKGRAPH_EXECUTABLE and LOCKGRAPH_HOOK_LIBRARY (set by lockgraphConfig.cmake).
#
# lockgraph_test_under_hook(TESTS <test>... | ALL
#                           [LOG_DIR <dir>]       one JSON log per test and process (default
#                                                 ${CMAKE_BINARY_DIR}/lockgraph/logs)
#                           [REPORT_DIR <dir>]    the merged report (default ${CMAKE_BINARY_DIR}/lockgraph)
#                           [FORMATS <fmt>...]    of lockgraph report (default: text sarif html json)
#                           [SUPPRESSIONS <file>] [BASELINE <file>] [OPTIONS <k=v:k=v>]
#                           [NO_FAIL])            findings do not fail the tests nor the merge
#   Preloads the runtime hook into each test (the test property ENVIRONMENT_MODIFICATION, so the
#   tests stay as add_test() made them), one JSON log per test. A test `lockgraph/report` merges
#   the logs after the last of them (a ctest fixture) into REPORT_DIR/lockgraph.{txt,sarif,html,json}.
#   A test with findings fails with status 66 (67: it deadlocked and was ended); so does the merge.
#
# lockgraph_add_analysis(<name> [PER_TU TARGETS <target>...]
#                        [COMPILE_DATABASE <build dir>]   default ${CMAKE_BINARY_DIR}
#                        [OUTPUT_DIR <dir>]               default ${CMAKE_BINARY_DIR}/lockgraph/<name>
#                        [SUPPRESSIONS <file>] [BASELINE <file>] [CONFIG <file>] [ALL] [NO_FAIL])
#   A target <name> that analyzes the compile database (CMAKE_EXPORT_COMPILE_COMMANDS must be ON)
#   and writes OUTPUT_DIR/analysis.{txt,json,sarif}; it fails on findings unless NO_FAIL.
#   PER_TU: one build step per translation unit of the TARGETS writes its facts (with a depfile
#   of the headers it read, so the build system re-runs only what changed and can distribute it),
#   and <name> merges them.
include_guard(GLOBAL)
set(_LOCKGRAPH_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}")

function(lockgraph_test_under_hook)
  cmake_parse_arguments(LG "ALL;NO_FAIL" "LOG_DIR;REPORT_DIR;SUPPRESSIONS;BASELINE;OPTIONS" "TESTS;FORMATS" ${ARGN})
  if(LG_ALL)
    get_property(LG_TESTS DIRECTORY PROPERTY TESTS)
  endif()
  if(NOT LG_TESTS)
    message(FATAL_ERROR "lockgraph_test_under_hook: no tests (TESTS <name>... or ALL, after add_test)")
  endif()
  if(NOT LG_LOG_DIR)
    set(LG_LOG_DIR ${CMAKE_BINARY_DIR}/lockgraph/logs)
  endif()
  if(NOT LG_REPORT_DIR)
    set(LG_REPORT_DIR ${CMAKE_BINARY_DIR}/lockgraph)
  endif()
  if(NOT LG_FORMATS)
    set(LG_FORMATS text sarif html json)
  endif()
  find_program(LOCKGRAPH_SYMBOLIZER NAMES llvm-symbolizer llvm-symbolizer-19 PATHS /usr/lib/llvm-19/bin)
  set(opts "")
  if(LOCKGRAPH_SYMBOLIZER)
    string(APPEND opts ":external_symbolizer_path=${LOCKGRAPH_SYMBOLIZER}")
  endif()
  foreach(f SUPPRESSIONS BASELINE)
    if(LG_${f})
      get_filename_component(abs "${LG_${f}}" ABSOLUTE)
      string(TOLOWER ${f} key)
      string(APPEND opts ":${key}=${abs}")
    endif()
  endforeach()
  if(LG_NO_FAIL)
    string(APPEND opts ":exitcode=0")
  endif()
  if(LG_OPTIONS)
    string(APPEND opts ":${LG_OPTIONS}")
  endif()
  foreach(t IN LISTS LG_TESTS)
    string(MAKE_C_IDENTIFIER "${t}" log)
    set_property(TEST ${t} APPEND PROPERTY ENVIRONMENT_MODIFICATION
      "LD_PRELOAD=path_list_prepend:${LOCKGRAPH_HOOK_LIBRARY}"
      "LOCKGRAPH_OPTIONS=set:json_path=${LG_LOG_DIR}/${log}${opts}")
    set_property(TEST ${t} APPEND PROPERTY FIXTURES_REQUIRED lockgraph_hook_logs)
    set_property(TEST ${t} APPEND PROPERTY LABELS lockgraph)
  endforeach()
  if(NOT TEST lockgraph/clean-logs)
    add_test(NAME lockgraph/clean-logs COMMAND ${CMAKE_COMMAND} -DMODE=clean -DLOG_DIR=${LG_LOG_DIR}
             -P ${_LOCKGRAPH_CMAKE_DIR}/lockgraph-merge-logs.cmake)
    set_tests_properties(lockgraph/clean-logs PROPERTIES FIXTURES_SETUP lockgraph_hook_logs LABELS lockgraph)
    add_test(NAME lockgraph/report COMMAND ${CMAKE_COMMAND}
      -DLOCKGRAPH=${LOCKGRAPH_EXECUTABLE} -DLOG_DIR=${LG_LOG_DIR} -DREPORT_DIR=${LG_REPORT_DIR}
      "-DFORMATS=${LG_FORMATS}" -DSUPPRESSIONS=${LG_SUPPRESSIONS} -DBASELINE=${LG_BASELINE} -DNO_FAIL=${LG_NO_FAIL}
      -P ${_LOCKGRAPH_CMAKE_DIR}/lockgraph-merge-logs.cmake)
    set_tests_properties(lockgraph/report PROPERTIES FIXTURES_CLEANUP lockgraph_hook_logs LABELS lockgraph)
  endif()
endfunction()

function(lockgraph_add_analysis name)
  cmake_parse_arguments(LG "ALL;NO_FAIL;PER_TU" "COMPILE_DATABASE;OUTPUT_DIR;SUPPRESSIONS;BASELINE;CONFIG" "TARGETS" ${ARGN})
  if(NOT LG_COMPILE_DATABASE)
    set(LG_COMPILE_DATABASE ${CMAKE_BINARY_DIR})
    if(NOT CMAKE_EXPORT_COMPILE_COMMANDS)
      message(WARNING "lockgraph_add_analysis: set CMAKE_EXPORT_COMPILE_COMMANDS ON (the analysis reads compile_commands.json)")
    endif()
  endif()
  if(NOT LG_OUTPUT_DIR)
    set(LG_OUTPUT_DIR ${CMAKE_BINARY_DIR}/lockgraph/${name})
  endif()
  set(extra "")
  foreach(f SUPPRESSIONS BASELINE CONFIG)
    if(LG_${f})
      get_filename_component(abs "${LG_${f}}" ABSOLUTE)
      string(TOLOWER ${f} key)
      list(APPEND extra --${key} ${abs})
    endif()
  endforeach()
  set(all "")
  if(LG_ALL)
    set(all ALL)
  endif()
  string(REPLACE ";" "|" extra "${extra}")  # one -D argument
  set(common -DLOCKGRAPH=${LOCKGRAPH_EXECUTABLE} -DDB=${LG_COMPILE_DATABASE} -DOUT=${LG_OUTPUT_DIR}
             "-DEXTRA=${extra}" -DNO_FAIL=${LG_NO_FAIL})
  if(NOT LG_PER_TU)
    add_custom_target(${name} ${all}
      COMMAND ${CMAKE_COMMAND} -DMODE=whole ${common} -P ${_LOCKGRAPH_CMAKE_DIR}/lockgraph-analyze-tu.cmake
      COMMENT "lockgraph: analyzing ${LG_COMPILE_DATABASE}/compile_commands.json" VERBATIM USES_TERMINAL)
    return()
  endif()
  if(NOT LG_TARGETS)
    message(FATAL_ERROR "lockgraph_add_analysis(${name} PER_TU): name the TARGETS whose sources to analyze")
  endif()
  set(stamps "")
  set(dirs "")
  foreach(tgt IN LISTS LG_TARGETS)
    get_target_property(srcs ${tgt} SOURCES)
    get_target_property(srcdir ${tgt} SOURCE_DIR)
    foreach(src IN LISTS srcs)
      if(NOT src MATCHES "\\.(c|cc|cpp|cxx|C)$" OR src MATCHES "^\\$<")
        continue()
      endif()
      get_filename_component(abs "${src}" ABSOLUTE BASE_DIR "${srcdir}")
      file(RELATIVE_PATH rel ${CMAKE_SOURCE_DIR} ${abs})
      string(MAKE_C_IDENTIFIER "${rel}" id)
      set(dir ${LG_OUTPUT_DIR}/tu/${id})
      add_custom_command(OUTPUT ${dir}.stamp
        COMMAND ${CMAKE_COMMAND} -DMODE=tu ${common} -DSOURCE=${abs} -DFACTS=${dir} -DSTAMP=${dir}.stamp
                -DDEPFILE=${dir}.d -P ${_LOCKGRAPH_CMAKE_DIR}/lockgraph-analyze-tu.cmake
        DEPENDS ${abs} ${LG_COMPILE_DATABASE}/compile_commands.json
        DEPFILE ${dir}.d
        COMMENT "lockgraph: facts of ${rel}" VERBATIM)
      list(APPEND stamps ${dir}.stamp)
      list(APPEND dirs ${dir})
    endforeach()
  endforeach()
  string(REPLACE ";" "|" dirs_arg "${dirs}")
  add_custom_command(OUTPUT ${LG_OUTPUT_DIR}/analysis.json ${LG_OUTPUT_DIR}/analysis.sarif ${LG_OUTPUT_DIR}/analysis.txt
    COMMAND ${CMAKE_COMMAND} -DMODE=merge ${common} "-DDIRS=${dirs_arg}" -P ${_LOCKGRAPH_CMAKE_DIR}/lockgraph-analyze-tu.cmake
    DEPENDS ${stamps}
    COMMENT "lockgraph: merging the facts of ${name}" VERBATIM)
  add_custom_target(${name} ${all} DEPENDS ${LG_OUTPUT_DIR}/analysis.json)
endfunction()
