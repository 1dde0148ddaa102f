-- Drives `avglint lsp` through Neovim's own LSP client (0.7 API: start_client + buf_attach_client;
-- 0.8+ would use vim.lsp.start). Inputs from the environment, results as JSON to AVGLINT_RESULT.
local register = os.getenv("AVGLINT_REGISTER")
local result_path = os.getenv("AVGLINT_RESULT")
local python = os.getenv("AVGLINT_PYTHON")
local wait = 120000
local results = {}

local function finish()
  local file = io.open(result_path, "w")
  file:write(vim.fn.json_encode(results))
  file:close()
  vim.cmd("qa!")
end

local ok, problem = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(register))
  vim.bo.filetype = "avg"
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "avglint",
    cmd = { python, "-m", "avglint", "lsp" },
    root_dir = vim.fn.fnamemodify(register, ":h"),
  })
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  local function codes()
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      table.insert(found, code)
    end
    table.sort(found)
    return found
  end

  vim.wait(wait, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  results.diagnostics = codes()

  -- the quick fix: the preferred code action on the misspelt basis, applied by Neovim itself
  local line = vim.fn.search("Gerechtigd") - 1
  local diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, line)
  local actions = client.request_sync("textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = line, character = 0 }, ["end"] = { line = line, character = 0 } },
    context = { diagnostics = diagnostics },
  }, wait, bufnr).result or {}
  results.actions = {}
  for _, action in ipairs(actions) do
    table.insert(results.actions, action.title)
    if action.isPreferred then
      vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
    end
  end
  results.fixed_line = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]
  vim.wait(wait, function()
    for _, code in ipairs(codes()) do if code == "AVG202" then return false end end
    return true
  end, 50)
  results.after_fix = codes()

  -- hover on a key
  local doel = vim.fn.search("doel:") - 1
  local hover = client.request_sync("textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = doel, character = 3 },
  }, wait, bufnr).result
  results.hover = hover and hover.contents.value or ""

  -- the outline
  local symbols = client.request_sync("textDocument/documentSymbol", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  }, wait, bufnr).result or {}
  results.symbols = {}
  for _, symbol in ipairs(symbols) do table.insert(results.symbols, symbol.name) end

  -- key completion on a line being typed
  vim.api.nvim_buf_set_lines(bufnr, doel + 1, doel + 1, false, { "  bewa" })
  local completion = client.request_sync("textDocument/completion", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = doel + 1, character = 6 },
  }, wait, bufnr).result or {}
  results.completion = {}
  for _, item in ipairs(completion.items or completion) do table.insert(results.completion, item.label) end
  client.stop()
end)
if not ok then results.error = tostring(problem) end
finish()
