import { generatePage, type Family } from './tests/layouts/generator';
const g = generatePage(process.argv[2] as Family, Number(process.argv[3]));
console.log(g.url, g.monitoringDate, JSON.stringify(g.columns));
console.log(g.html.replace(/<div class="footer">[\s\S]*/, '').replace(/[\s\S]*<div class="main">/, ''));
