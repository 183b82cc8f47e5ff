// House rules typescript-eslint does not have. Plain JavaScript: eslint.config.js loads it as is.

/**
 * `house/no-floating-result`: a call whose value is a Result — a union of objects that all have
 * `ok` and some an `error` ({ ok: true, value } | { ok: false, error }) — used as a statement,
 * awaited or not. Expected failures are values here; dropping one is ignoring a failure.
 * `void call()` says on purpose that the outcome does not matter.
 */
const noFloatingResult = {
  meta: {
    type: 'problem',
    docs: { description: 'A Result value must be looked at (or discarded with void, on purpose).' },
    messages: { floating: 'this call returns a Result ({ ok, value | error }) that nobody looks at: handle the error case, or write `void` to drop it on purpose' },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program || !services.esTreeNodeToTSNodeMap) return {};
    const checker = services.program.getTypeChecker();
    const isResult = (type) => {
      const parts = type.isUnion() ? type.types : [type];
      return parts.length > 1 && parts.every((t) => t.getProperty('ok') !== undefined) && parts.some((t) => t.getProperty('error') !== undefined);
    };
    return {
      ExpressionStatement(node) {
        const expression = node.expression;
        const call = expression.type === 'AwaitExpression' ? expression.argument : expression;
        if (call.type !== 'CallExpression') return;
        // For `await f()` the checker gives the awaited type; for `f()` a Result itself (a Promise is no-floating-promises' concern).
        const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(expression));
        if (isResult(type)) context.report({ node, messageId: 'floating' });
      },
    };
  },
};

/**
 * `house/no-pin-in-log`: a log call (console.*, a logger's level methods, process.stdout/stderr
 * .write) whose arguments name a PIN — an identifier or property called pin, pinDigits, typedPin …
 * PIN digits must never reach a log, a terminal's scrollback or a session recording; what may be
 * shown is derived from them (a hash, a tries-left count), and those names are allowed.
 */
const LOG_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal', 'write']);
const PIN_NAME = /pin/i;
const DERIVED_FROM_PIN = /(hash|tries|left|count|length|held|format|refusal|ping|spin|pinned|pinyin)/i;
const noPinInLog = {
  meta: {
    type: 'problem',
    docs: { description: 'No PIN (or a value named as one) in a log call.' },
    messages: { pin: '`{{name}}` looks like a PIN and goes into a log call: log what is derived from it (a hash, a count), never the digits' },
    schema: [],
  },
  create(context) {
    const isLogCall = (callee) =>
      callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && LOG_METHODS.has(callee.property.name) &&
      (callee.property.name !== 'write' || (callee.object.type === 'MemberExpression' && callee.object.property.type === 'Identifier' && /^std(out|err)$/.test(callee.object.property.name)));
    const pinNames = (node, found) => {
      if (!node || typeof node !== 'object') return found;
      if (node.type === 'Identifier' && PIN_NAME.test(node.name) && !DERIVED_FROM_PIN.test(node.name)) found.push(node);
      for (const [key, child] of Object.entries(node)) {
        if (key === 'parent') continue;
        if (Array.isArray(child)) child.forEach((c) => pinNames(c, found));
        else if (child && typeof child.type === 'string') pinNames(child, found);
      }
      return found;
    };
    return {
      CallExpression(node) {
        if (!isLogCall(node.callee)) return;
        for (const id of node.arguments.flatMap((a) => pinNames(a, []))) context.report({ node: id, messageId: 'pin', data: { name: id.name } });
      },
    };
  },
};

export const houseRules = { rules: { 'no-floating-result': noFloatingResult, 'no-pin-in-log': noPinInLog } };
