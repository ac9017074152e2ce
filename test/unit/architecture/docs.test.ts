import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import * as ts from 'typescript';
import { allRoutes } from '../../../contract/routes';
import { agreementTexts } from '../../../functions/domain/agreement/texts';

/**
 * Keeps docs/clauses.md and docs/architecture.md true (issue 17): a section for every clause of the agreement,
 * every path they name existing, every function named found in its file, every test title cited found in its
 * test file (read with the TypeScript parser, so a title split over lines or concatenated still matches), every
 * route said to be not yet built absent from the route table; and no document of the repository pointing outside it.
 */
const root = join(__dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const clausesPath = 'docs/clauses.md';
const checkedDocuments = [clausesPath, 'docs/architecture.md', 'bench/README.md'];
const repositoryDocuments = ['README.md', ...checkedDocuments];

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
/** Markdown's backslash escapes (prettier adds some), undone before comparing with source text. */
const unescapeMarkdown = (text: string) => text.replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1');

// ---------------------------------------------------------------------------------------------------------------
// The clauses of the agreement

/**
 * The clause numbers of one text: the preamble, and each numbered clause of a section ("2.7"). The English text
 * writes them out (`2.7 …`); the Kyrgyz original and the Russian text number sections (` 2. …`) and, indented
 * deeper, their clauses (`  7. …`).
 */
const clausesOfText = (text: string): string[] => {
  const lines = text.split('\n');
  const plain = lines.flatMap((line) => {
    const match = /^( *)(\d+)\.\s+\S/.exec(line);
    return match ? [{ indent: match[1]!.length, number: match[2]! }] : [];
  });
  const sectionIndent = Math.min(...plain.map((p) => p.indent));
  const clauses = ['preamble'];
  let section: string | undefined;
  for (const line of lines) {
    const explicit = /^ *(\d+)\.(\d+)\s/.exec(line);
    if (explicit) {
      clauses.push(`${explicit[1]}.${explicit[2]}`);
      continue;
    }
    const numbered = /^( *)(\d+)\.\s+\S/.exec(line);
    if (!numbered) continue;
    if (numbered[1]!.length === sectionIndent) section = numbered[2];
    else if (section !== undefined) clauses.push(`${section}.${numbered[2]}`);
  }
  return clauses;
};

const agreementClauses = (): {
  clauses: Set<string>;
  sections: Set<string>;
  byText: Map<string, string[]>;
} => {
  const byText = new Map<string, string[]>();
  for (const [version, languages] of Object.entries(agreementTexts))
    for (const [language, { text }] of Object.entries(languages))
      byText.set(`version ${version}, ${language}`, clausesOfText(text));
  const clauses = new Set([...byText.values()].flat());
  const sections = new Set([...clauses].filter((c) => c !== 'preamble').map((c) => c.split('.')[0]!));
  return { clauses, sections, byText };
};

// ---------------------------------------------------------------------------------------------------------------
// docs/clauses.md

interface CodeReference {
  readonly line: string;
  readonly path: string;
  readonly names: readonly string[];
}
interface TestReference {
  readonly line: string;
  readonly path: string;
  readonly titles: readonly string[];
}
interface ClauseSection {
  readonly heading: string;
  /** The clause of the heading, and any it covers in parentheses: `## 1 (1.1) — Terms`. */
  readonly clauses: readonly string[];
  readonly code: CodeReference[];
  readonly tests: TestReference[];
  readonly notYetBuilt: string[];
  nothingToEnforce: boolean;
  readonly malformed: string[];
}

const headingPattern = /^## (preamble|\d+(?:\.\d+)?)(?: \(([\d.]+(?:, [\d.]+)*)\))? — \S.*$/;

const parseClauses = (markdown: string): { sections: ClauseSection[]; strayHeadings: string[] } => {
  const sections: ClauseSection[] = [];
  const strayHeadings: string[] = [];
  let current: ClauseSection | undefined;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) {
      const heading = headingPattern.exec(line);
      if (!heading) {
        strayHeadings.push(line);
        current = undefined;
        continue;
      }
      current = {
        heading: line,
        clauses: [heading[1]!, ...(heading[2]?.split(', ') ?? [])],
        code: [],
        tests: [],
        notYetBuilt: [],
        nothingToEnforce: false,
        malformed: [],
      };
      sections.push(current);
      continue;
    }
    if (!current) continue;
    if (line.startsWith('Nothing to enforce:')) current.nothingToEnforce = true;
    if (line.startsWith('Not yet built:'))
      current.notYetBuilt.push(...[...line.matchAll(/`([A-Z]+ \/[^`]+)`/g)].map((m) => m[1]!));
    if (!line.startsWith('- `')) continue;
    const reference = /^- `([^`]+)` › (.+)$/.exec(line);
    if (!reference) {
      current.malformed.push(line);
      continue;
    }
    const [, path, rest] = reference as unknown as [string, string, string];
    if (path.startsWith('test/')) {
      const quoted = /^"(.+)"$/.exec(rest.trim());
      if (quoted) current.tests.push({ line, path, titles: quoted[1]!.split('" › "').map(unescapeMarkdown) });
      else current.malformed.push(line);
    } else {
      const named = /^((?:`[^`]+`(?:, )?)+)(?: — \S.*)?$/.exec(rest);
      if (named)
        current.code.push({ line, path, names: [...named[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!) });
      else current.malformed.push(line);
    }
  }
  return { sections, strayHeadings };
};

// ---------------------------------------------------------------------------------------------------------------
// Paths

const ignoredTopLevel = new Set(['node_modules', '.git', 'cdk.out', 'coverage', '.data', 'test-artifacts']);
const topLevel = new Set(readdirSync(root).filter((name) => !ignoredTopLevel.has(name)));

/** A backticked token that names a file or folder of the repository (placeholders such as `<group>` allowed). */
const isPathLike = (token: string): boolean => {
  if (/\s/.test(token) || token.startsWith('/') || token.includes('://')) return false;
  const first = token.split('/')[0]!;
  return topLevel.has(first) || (token.includes('/') && /\.(ts|md|json|mjs|js|html|css)$/.test(token));
};

const isPlaceholder = (segment: string) => /[<>{}*…]/.test(segment);
const segmentPattern = (segment: string) =>
  new RegExp(
    `^${segment
      .split(/<[^>]*>|\{[^}]*\}|\*|…/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+')}$`,
  );

/** Whether the path exists, a placeholder segment standing for any entry of its folder. */
const pathExists = (path: string): boolean => {
  const segments = path.replace(/\/$/, '').split('/');
  const walk = (base: string, index: number): boolean => {
    if (index === segments.length) return true;
    const segment = segments[index]!;
    if (!isPlaceholder(segment)) {
      const next = join(base, segment);
      return existsSync(next) && walk(next, index + 1);
    }
    if (!existsSync(base) || !statSync(base).isDirectory()) return false;
    const pattern = segmentPattern(segment);
    return readdirSync(base).some((entry) => pattern.test(entry) && walk(join(base, entry), index + 1));
  };
  return walk(root, 0);
};

const backticked = (markdown: string): string[] =>
  [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);

// ---------------------------------------------------------------------------------------------------------------
// Test titles, read with the TypeScript parser

const testFunctions = new Set(['describe', 'it', 'test', 'fdescribe', 'fit', 'xdescribe', 'xit', 'xtest']);

const calleeRoot = (expression: ts.Expression): string | undefined => {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression) || ts.isCallExpression(expression))
    return calleeRoot(expression.expression);
  return undefined;
};

const stringValue = (node: ts.Expression | undefined): string | undefined => {
  if (node === undefined) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node)) return stringValue(node.expression);
  if (ts.isTemplateExpression(node))
    return node.head.text + node.templateSpans.map((span) => `\${…}${span.literal.text}`).join('');
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const [left, right] = [stringValue(node.left), stringValue(node.right)];
    return left === undefined || right === undefined ? undefined : left + right;
  }
  return undefined;
};

interface TitledBlock {
  readonly title: string;
  /** The titles of the describe blocks around it, outermost first. */
  readonly ancestors: readonly string[];
}

const titleCache = new Map<string, TitledBlock[]>();
const titledBlocks = (path: string): TitledBlock[] => {
  const cached = titleCache.get(path);
  if (cached) return cached;
  const source = ts.createSourceFile(path, read(path), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const blocks: TitledBlock[] = [];
  const visit = (node: ts.Node, ancestors: readonly string[]): void => {
    if (ts.isCallExpression(node) && testFunctions.has(calleeRoot(node.expression) ?? '')) {
      const title = stringValue(node.arguments[0]);
      if (title !== undefined) {
        blocks.push({ title: collapse(title), ancestors });
        ts.forEachChild(node, (child) => visit(child, [...ancestors, collapse(title)]));
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, ancestors));
  };
  visit(source, []);
  titleCache.set(path, blocks);
  return blocks;
};

/** Whether the file has a block titled like the last title, inside blocks titled like the others, in that order. */
const hasTitles = (path: string, titles: readonly string[]): boolean => {
  const wanted = titles.map(collapse);
  const last = wanted.at(-1)!;
  const outer = wanted.slice(0, -1);
  return titledBlocks(path).some((block) => {
    if (block.title !== last) return false;
    let next = 0;
    for (const ancestor of block.ancestors) if (ancestor === outer[next]) next += 1;
    return next === outer.length;
  });
};

// ---------------------------------------------------------------------------------------------------------------

describe('docs/clauses.md', () => {
  const { clauses, sections: agreementSections, byText } = agreementClauses();
  const { sections, strayHeadings } = parseClauses(read(clausesPath));
  const covered = sections.flatMap((s) => s.clauses);

  it('reads the same clause numbers from every language of the agreement', () => {
    const [first, ...others] = [...byText.entries()];
    expect(first![1]).toEqual(expect.arrayContaining(['preamble', '2.7', '3.4']));
    for (const [text, numbers] of others) expect({ text, numbers }).toEqual({ text, numbers: first![1] });
  });

  it('has a section for every clause of the agreement, and none for a clause it does not have', () => {
    expect(strayHeadings).toEqual([]);
    expect([...clauses].filter((clause) => !covered.includes(clause))).toEqual([]);
    expect(covered.filter((clause) => !clauses.has(clause) && !agreementSections.has(clause))).toEqual([]);
    expect(covered.filter((clause, index) => covered.indexOf(clause) !== index)).toEqual([]);
  });

  it('names code and tests for every clause with something to enforce, in the format it documents', () => {
    const problems = sections.flatMap((section) => [
      ...section.malformed.map((line) => `${section.heading}: cannot read "${line}"`),
      ...(section.nothingToEnforce
        ? []
        : [
            ...(section.code.length === 0 ? [`${section.heading}: no code`] : []),
            ...(section.tests.length === 0 ? [`${section.heading}: no tests`] : []),
          ]),
    ]);
    expect(problems).toEqual([]);
  });

  it('names only functions, classes and constants that are in their files', () => {
    const missing = sections.flatMap((section) =>
      section.code.flatMap(({ path, names }) => {
        if (!pathExists(path)) return [`${path} does not exist`];
        const text = read(path);
        return names
          .filter((name) => !new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text))
          .map((name) => `${path} has no ${name}`);
      }),
    );
    expect(missing).toEqual([]);
  });

  it('cites only tests whose titles are in their test files', () => {
    const missing = sections.flatMap((section) =>
      section.tests.flatMap(({ path, titles }) => {
        if (!path.endsWith('.test.ts') || !pathExists(path)) return [`${path} is no test file`];
        return hasTitles(path, titles) ? [] : [`${path} › ${titles.map((t) => `"${t}"`).join(' › ')}`];
      }),
    );
    expect(missing).toEqual([]);
  });

  it('lists as not yet built only routes the route table does not have (built: move them to code and tests)', () => {
    const built = new Set(allRoutes.map((route) => `${route.method} ${route.path}`));
    const listed = sections.flatMap((section) => section.notYetBuilt);
    expect(listed.filter((route) => built.has(route))).toEqual([]);
  });
});

describe.each(checkedDocuments)('%s', (document) => {
  it('names only paths that exist', () => {
    const missing = backticked(read(document)).filter((token) => isPathLike(token) && !pathExists(token));
    expect(missing).toEqual([]);
  });
});

describe.each(repositoryDocuments)('%s', (document) => {
  it('points nowhere outside the repository, and its links lead to files that exist', () => {
    const markdown = read(document);
    const base = dirname(join(root, document));
    const inside = (target: string) => {
      const path = resolve(base, target);
      return path === root || path.startsWith(root + sep);
    };
    const links = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1]!)
      .filter((target) => !/^(https?:|mailto:|#)/.test(target))
      .map((target) => target.split('#')[0]!);
    const relativeMentions = [...markdown.matchAll(/(?:^|[\s`("'])(\.\.\/[^\s`)"']*)/g)].map((m) => m[1]!);
    const outside = [...links, ...relativeMentions].filter((target) => !inside(target));
    const broken = links.filter((target) => inside(target) && !existsSync(resolve(base, target)));
    expect({ outside, broken }).toEqual({ outside: [], broken: [] });
    expect(markdown).not.toMatch(/\/work\/|shared\/DESIGN\.md/);
  });
});
