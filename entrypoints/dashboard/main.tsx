import { render } from 'preact';
import { App } from '../../components/dashboard/App';

render(<App />, document.getElementById('app')!);
