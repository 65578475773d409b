// A C interface to Luau's own type checker (Luau::Frontend) that resolves
// `require` the way Roblox does. Module names are instance paths from the
// DataModel, `game/ServerScriptService/DataManager/Session`; a require's
// argument (`script.Parent.Types`, `game:GetService("X").Y`, or a local
// holding part of such a path) is followed step by step to such a path.
//
// Everything in this file and in the Luau sources is linked into one object
// whose only global symbols are the `ddluau_*` functions below (see build.rs):
// the application also embeds another Luau (the test-play VM) whose C++
// symbols have the same names.

#include "Luau/BuiltinDefinitions.h"
#include "Luau/Common.h"
#include "Luau/Config.h"
#include "Luau/ConfigResolver.h"
#include "Luau/Error.h"
#include "Luau/FileResolver.h"
#include "Luau/Frontend.h"
#include "Luau/Linter.h"

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

extern "C" {

// One diagnostic: severity 0 is an error, 1 a warning.
typedef void (*ddluau_diagnostic_fn)(
    void* ctx, const char* module, uint32_t severity, uint32_t line, uint32_t column, uint32_t end_line, uint32_t end_column,
    const char* code, const char* message);

struct DdLuauChecker;

DdLuauChecker* ddluau_new(uint32_t new_solver);
void ddluau_free(DdLuauChecker* checker);
char* ddluau_add_definitions(DdLuauChecker* checker, const char* name, const char* source, size_t len);
char* ddluau_set_environment(DdLuauChecker* checker, const char* module, const char* source, size_t len);
void ddluau_set_source(DdLuauChecker* checker, const char* name, const char* source, size_t len);
char* ddluau_check(DdLuauChecker* checker, const char* name, ddluau_diagnostic_fn report, void* ctx);
void ddluau_free_string(char* text);
}

namespace
{

char* copyString(const std::string& text)
{
    char* out = static_cast<char*>(std::malloc(text.size() + 1));
    if (out)
        std::memcpy(out, text.c_str(), text.size() + 1);
    return out;
}

std::string child(const std::string& path, const char* data, size_t size)
{
    return path + "/" + std::string(data, size);
}

// One step of a require path: where `expr` leads from the instance `from`
// (the requiring module itself for `script`). Studio resolves the same
// forms: `.Name`, `["Name"]`, `:WaitForChild("Name")`,
// `:FindFirstChild("Name")`, `.Parent` and `game:GetService("Name")`.
std::optional<std::string> step(const std::string& from, Luau::AstExpr* expr, bool isRoot)
{
    if (auto global = expr->as<Luau::AstExprGlobal>())
    {
        if (isRoot && global->name == "script")
            return from;
        if (global->name == "game")
            return std::string("game");
        return std::nullopt;
    }
    if (isRoot)
        return std::nullopt;
    if (auto index = expr->as<Luau::AstExprIndexName>())
    {
        if (index->index == "Parent")
        {
            size_t slash = from.rfind('/');
            if (slash == std::string::npos)
                return std::nullopt;
            return from.substr(0, slash);
        }
        return child(from, index->index.value, strlen(index->index.value));
    }
    if (auto index = expr->as<Luau::AstExprIndexExpr>())
    {
        if (auto key = index->index->as<Luau::AstExprConstantString>())
            return child(from, key->value.data, key->value.size);
        return std::nullopt;
    }
    if (auto call = expr->as<Luau::AstExprCall>())
    {
        auto method = call->func->as<Luau::AstExprIndexName>();
        if (!method || !call->self || call->args.size < 1)
            return std::nullopt;
        auto key = call->args.data[0]->as<Luau::AstExprConstantString>();
        if (!key)
            return std::nullopt;
        if (method->index == "WaitForChild" || method->index == "FindFirstChild" || (method->index == "GetService" && from == "game"))
            return child(from, key->value.data, key->value.size);
        return std::nullopt;
    }
    return std::nullopt;
}

struct Resolver : Luau::FileResolver
{
    std::unordered_map<std::string, std::string> sources;
    std::unordered_set<std::string> environments;

    std::optional<Luau::SourceCode> readSource(const Luau::ModuleName& name) override
    {
        auto it = sources.find(name);
        if (it == sources.end())
            return std::nullopt;
        return Luau::SourceCode{it->second, Luau::SourceCode::Module};
    }

    // Luau's require tracer calls this for each step of a require argument,
    // root first, with `context` the result of the step before (or the
    // requiring module for the root).
    std::optional<Luau::ModuleInfo> resolveModule(const Luau::ModuleInfo* context, Luau::AstExpr* expr, const Luau::TypeCheckLimits&) override
    {
        if (!context)
            return std::nullopt;
        bool isRoot = expr->is<Luau::AstExprGlobal>();
        auto path = step(context->name, expr, isRoot);
        if (!path)
            return std::nullopt;
        return Luau::ModuleInfo{*path};
    }

    std::optional<std::string> getEnvironmentForModule(const Luau::ModuleName& name) const override
    {
        if (environments.count(name))
            return name;
        return std::nullopt;
    }
};

// Files without a `--!strict` line are checked the way Studio checks them
// (non-strict); the lints are Luau's defaults, as in luau-lsp.
struct Configs : Luau::ConfigResolver
{
    Luau::Config config;

    Configs()
    {
        config.mode = Luau::Mode::Nonstrict;
        config.enabledLint.setDefaults();
    }

    const Luau::Config& getConfig(const Luau::ModuleName&, const Luau::TypeCheckLimits&) const override
    {
        return config;
    }
};

// A Luau assertion inside the checker is a bug in Luau, not in the checked
// code: carry on rather than abort the process that embeds the checker.
int ignoreAssertion(const char*, const char*, int, const char*)
{
    return 0;
}

// Roblox scripts name an enum's item type `Enum.Material`; declaration files
// (as luau-lsp writes them) declare it as the class `EnumMaterial`. Make each
// such class also reachable as `Enum.<Name>`.
void addEnumNamespace(Luau::Scope& scope)
{
    auto& enumTypes = scope.importedTypeBindings["Enum"];
    for (const auto& [name, type] : scope.exportedTypeBindings)
    {
        bool isEnumClass = name.size() > 4 && name.compare(0, 4, "Enum") == 0 && name != "EnumItem" &&
                           name.find("_INTERNAL") == std::string::npos;
        if (isEnumClass)
            enumTypes[name.substr(4)] = type;
    }
}

} // namespace

struct DdLuauChecker
{
    Resolver resolver;
    Configs configs;
    std::unique_ptr<Luau::Frontend> frontend;
};

extern "C" DdLuauChecker* ddluau_new(uint32_t new_solver)
{
    try
    {
        Luau::assertHandler() = ignoreAssertion;
        auto checker = std::make_unique<DdLuauChecker>();
        Luau::FrontendOptions options;
        options.retainFullTypeGraphs = false;
        options.runLintChecks = true;
        checker->frontend = std::make_unique<Luau::Frontend>(
            new_solver ? Luau::SolverMode::New : Luau::SolverMode::Old, &checker->resolver, &checker->configs, options);
        Luau::unfreeze(checker->frontend->globals.globalTypes);
        Luau::registerBuiltinGlobals(*checker->frontend, checker->frontend->globals);
        Luau::freeze(checker->frontend->globals.globalTypes);
        return checker.release();
    }
    catch (...)
    {
        return nullptr;
    }
}

extern "C" void ddluau_free(DdLuauChecker* checker)
{
    delete checker;
}

extern "C" void ddluau_free_string(char* text)
{
    std::free(text);
}

// Loads a declaration file into the global scope; returns null on success or
// the problems found in it.
extern "C" char* ddluau_add_definitions(DdLuauChecker* checker, const char* name, const char* source, size_t len)
{
    try
    {
        Luau::Frontend& frontend = *checker->frontend;
        Luau::unfreeze(frontend.globals.globalTypes);
        Luau::LoadDefinitionFileResult result =
            frontend.loadDefinitionFile(frontend.globals, frontend.globals.globalScope, std::string_view(source, len), name, false, false);
        if (result.success)
            addEnumNamespace(*frontend.globals.globalScope);
        Luau::freeze(frontend.globals.globalTypes);
        if (result.success)
            return nullptr;
        std::string message;
        for (const auto& error : result.parseResult.errors)
            message += std::string(name) + ":" + std::to_string(error.getLocation().begin.line + 1) + ": " + error.getMessage() + "\n";
        if (result.module)
            for (const auto& error : result.module->errors)
                message += std::string(name) + ":" + std::to_string(error.location.begin.line + 1) + ": " + Luau::toString(error) + "\n";
        if (message.empty())
            message = std::string(name) + ": the declarations could not be loaded\n";
        return copyString(message);
    }
    catch (const std::exception& error)
    {
        return copyString(error.what());
    }
}

// Declarations seen by one module only (its `script`, typed after its place
// in the instance tree). Returns null on success or the problems found.
extern "C" char* ddluau_set_environment(DdLuauChecker* checker, const char* module, const char* source, size_t len)
{
    try
    {
        Luau::Frontend& frontend = *checker->frontend;
        Luau::ScopePtr scope = frontend.getEnvironmentScope(module);
        if (!scope)
            scope = frontend.addEnvironment(module);
        checker->resolver.environments.insert(module);
        Luau::unfreeze(frontend.globals.globalTypes);
        Luau::LoadDefinitionFileResult result =
            frontend.loadDefinitionFile(frontend.globals, scope, std::string_view(source, len), module, false, false);
        Luau::freeze(frontend.globals.globalTypes);
        if (result.success)
            return nullptr;
        std::string message;
        for (const auto& error : result.parseResult.errors)
            message += std::string(module) + ": " + error.getMessage() + "\n";
        if (result.module)
            for (const auto& error : result.module->errors)
                message += std::string(module) + ": " + Luau::toString(error) + "\n";
        return copyString(message.empty() ? std::string(module) + ": the declarations could not be loaded" : message);
    }
    catch (const std::exception& error)
    {
        return copyString(error.what());
    }
}

extern "C" void ddluau_set_source(DdLuauChecker* checker, const char* name, const char* source, size_t len)
{
    checker->resolver.sources[name] = std::string(source, len);
    checker->frontend->markDirty(name);
}

// Checks one module (and, on the way, what it requires) and reports the
// diagnostics found in that module. Returns null, or a message when the
// checker itself failed.
extern "C" char* ddluau_check(DdLuauChecker* checker, const char* name, ddluau_diagnostic_fn report, void* ctx)
{
    try
    {
        Luau::CheckResult result = checker->frontend->check(name);

        for (const auto& error : result.errors)
        {
            if (error.moduleName != name)
                continue;
            std::string message = Luau::toString(error);
            std::string code = Luau::get<Luau::SyntaxError>(error) ? "SyntaxError" : "TypeError";
            report(ctx, name, 0, error.location.begin.line, error.location.begin.column, error.location.end.line, error.location.end.column,
                code.c_str(), message.c_str());
        }
        for (const auto& lint : result.lintResult.errors)
            report(ctx, name, 0, lint.location.begin.line, lint.location.begin.column, lint.location.end.line, lint.location.end.column,
                Luau::LintWarning::getName(lint.code), lint.text.c_str());
        for (const auto& lint : result.lintResult.warnings)
            report(ctx, name, 1, lint.location.begin.line, lint.location.begin.column, lint.location.end.line, lint.location.end.column,
                Luau::LintWarning::getName(lint.code), lint.text.c_str());
        if (!result.timeoutHits.empty())
            return copyString(std::string("the type checker gave up on ") + result.timeoutHits.front() + " (time limit)");
        return nullptr;
    }
    catch (const std::exception& error)
    {
        return copyString(error.what());
    }
}
