// Stryker ignore-plugins for `npm run mutation` (stryker.config.json "ignorers"). They leave out of the score
// the code that no conformance scenario can or should observe, so the score measures the suite's power over
// behaviour the RFCs require:
//
//   fault-switches  the self-test's fault switches (faults.has('x') and what runs only under one): off in every
//                   normal run, so a mutant there changes nothing a scenario sends or receives.
//   diagnostics     the human text and detail fields of errors (connector `new XxxError(message, details)`,
//                   ledger `fail({ kind, ...details })` apart from `kind`), the names passed to `required()`
//                   and the `name` of a rule: ILP leaves a Reject's message free (ERR-010), so the suite does
//                   not assert wording.
//
// Every ignored mutant is still listed in the report with the reason, and the summary gives both counts.
// Plain CommonJS with no imports, so the unit test can require it on any Node 20.
'use strict';

/** `faults`, `NO_FAULTS`, `x.faults`, `x?.faults`, `(opts.faults ?? NO_FAULTS)`. */
function isFaultSet(node) {
  if (!node) return false;
  if (node.type === 'ParenthesizedExpression' || node.type === 'TSNonNullExpression') return isFaultSet(node.expression);
  if (node.type === 'Identifier') return node.name === 'faults' || node.name === 'NO_FAULTS';
  if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') {
    return !node.computed && node.property.type === 'Identifier' && node.property.name === 'faults';
  }
  if (node.type === 'LogicalExpression') return isFaultSet(node.left) && isFaultSet(node.right);
  return false;
}

/** `<fault set>.has(...)`, or a variable initialised from one (`const relay = faults.has('relay-busy-codes')`). */
function isFaultCheck(node, scope) {
  if (!node) return false;
  if (node.type === 'ParenthesizedExpression') return isFaultCheck(node.expression, scope);
  if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression') {
    const callee = node.callee;
    return (
      (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') &&
      !callee.computed &&
      callee.property.type === 'Identifier' &&
      callee.property.name === 'has' &&
      isFaultSet(callee.object)
    );
  }
  if (node.type === 'Identifier' && scope) {
    const binding = scope.getBinding(node.name);
    const declarator = binding && binding.constant && binding.path.node;
    return Boolean(declarator && declarator.type === 'VariableDeclarator' && onlyUnderFault(declarator.init, undefined));
  }
  return false;
}

/** True only when some fault is on: a fault check, a conjunction with one, or a disjunction of them. */
function onlyUnderFault(node, scope) {
  if (!node) return false;
  if (node.type === 'ParenthesizedExpression') return onlyUnderFault(node.expression, scope);
  if (isFaultCheck(node, scope)) return true;
  if (node.type !== 'LogicalExpression') return false;
  if (node.operator === '&&') return onlyUnderFault(node.left, scope) || onlyUnderFault(node.right, scope);
  if (node.operator === '||') return onlyUnderFault(node.left, scope) && onlyUnderFault(node.right, scope);
  return false;
}

function isFaultExpression(node, scope) {
  if (node.type === 'UnaryExpression' && node.operator === '!') return onlyUnderFault(node.argument, scope);
  return onlyUnderFault(node, scope) || isFaultSet(node);
}

const faultSwitches = {
  shouldIgnore(path) {
    const { node, parentPath, scope } = path;
    if (node.type === 'VariableDeclarator' && node.init && (isFaultSet(node.init) || onlyUnderFault(node.init, undefined))) {
      return 'fault switch: off in every normal run';
    }
    if (path.isExpression() && isFaultExpression(node, scope)) return 'fault switch: off in every normal run';
    if (!parentPath) return undefined;
    const parent = parentPath.node;
    if (node.type === 'IfStatement' && !node.alternate && onlyUnderFault(node.test, scope)) {
      return 'runs only under a fault switch';
    }
    if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && path.key === 'consequent' && onlyUnderFault(parent.test, scope)) {
      return 'runs only under a fault switch';
    }
    return undefined;
  },
};

function calleeName(callee) {
  if (callee.type === 'Identifier') return callee.name;
  if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && callee.property.type === 'Identifier') return callee.property.name;
  return '';
}

const diagnostics = {
  shouldIgnore(path) {
    const { node, parentPath } = path;
    if (!parentPath) return undefined;
    const parent = parentPath.node;
    // new InsufficientTimeoutError('message', { details }): the ILP code comes from the class, the rest is text.
    if (parent.type === 'NewExpression' && path.listKey === 'arguments' && /Error$/.test(calleeName(parent.callee))) {
      return 'diagnostic text of an error';
    }
    // required(ctx.nextHop, 'nextHop', 'route'): the names only label a rule-order bug's message.
    if (parent.type === 'CallExpression' && calleeName(parent.callee) === 'required' && path.listKey === 'arguments' && path.key > 0) {
      return 'names in a rule-order check';
    }
    // fail({ kind: 'forbidden', reason: '...' }): the kind picks the HTTP status and error id, the rest is text.
    if (node.type === 'ObjectProperty' && parent.type === 'ObjectExpression' && !(node.key.type === 'Identifier' && node.key.name === 'kind')) {
      const call = parentPath.parentPath && parentPath.parentPath.node;
      if (call && call.type === 'CallExpression' && calleeName(call.callee) === 'fail' && call.arguments[0] === parent) {
        return 'diagnostic detail of a ledger error';
      }
    }
    // { name: 'incoming-expiry', handle() {...} }: a rule's name appears only in logs and stack traces.
    if (node.type === 'ObjectProperty' && node.key.type === 'Identifier' && node.key.name === 'name' && node.value.type === 'StringLiteral') {
      const hasHandle = parent.type === 'ObjectExpression' && parent.properties.some((p) => p.key && p.key.type === 'Identifier' && p.key.name === 'handle');
      if (hasHandle) return 'name of a rule, used only in logs';
    }
    return undefined;
  },
};

// Assigned as `exports.x = ...` so Node's import() of this CommonJS file sees the named export.
exports.strykerPlugins = [
  { kind: 'Ignore', name: 'fault-switches', value: faultSwitches },
  { kind: 'Ignore', name: 'diagnostics', value: diagnostics },
];
