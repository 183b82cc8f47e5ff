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

export const houseRules = { rules: { 'no-floating-result': noFloatingResult } };
